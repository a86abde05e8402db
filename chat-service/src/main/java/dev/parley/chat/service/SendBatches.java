package dev.parley.chat.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import dev.parley.chat.api.SentMessage;
import dev.parley.chat.config.ChatConfig;
import dev.parley.chat.repository.MessageBatchRepository.Submission;

/**
 * Group commit for sends: a send waits in line while {@code parley.messages.concurrent-batches} batches are being
 * stored, and everything waiting goes together in the next batch (at most {@code parley.messages.max-batch}), one
 * transaction and one WAL flush for all of them. A resend of the same {@code client_message_id} in one batch is
 * stored once and answered with the stored message.
 */
@ApplicationScoped
public class SendBatches {

    private final StoredBatch store;
    private final int maxBatch;
    private final int concurrent;
    private final Queue<Waiting> line = new ConcurrentLinkedQueue<>();
    private final AtomicInteger storing = new AtomicInteger();
    private final DistributionSummary sizes;

    public SendBatches(StoredBatch store, ChatConfig config, MeterRegistry registry) {
        this.store = store;
        this.maxBatch = config.messages().maxBatch();
        this.concurrent = config.messages().concurrentBatches();
        this.sizes = DistributionSummary.builder("parley.messages.batch.size")
                .description("Messages stored per transaction").register(registry);
    }

    /** A send in line, with the context its answer goes back to. */
    record Waiting(long caller, OutgoingMessage message, Long peerId, Context context,
            UniEmitter<? super SentMessage> answer) {

        void complete(SentMessage sent) {
            context.runOnContext(ignored -> answer.complete(sent));
        }

        void fail(Throwable failure) {
            context.runOnContext(ignored -> answer.fail(failure));
        }
    }

    /**
     * Stores the message with the next batch; null when the caller is not a member of the conversation. With
     * {@code peerId} (a direct conversation), fails with {@link PeerUnconfirmed} unless chat's copy shows the peer
     * still there and the two as friends.
     */
    public Uni<SentMessage> send(long caller, OutgoingMessage message, Long peerId) {
        return Uni.createFrom().emitter(answer -> {
            Context context = Vertx.currentContext();
            line.add(new Waiting(caller, message, peerId, context, answer));
            next();
        });
    }

    private void next() {
        while (!line.isEmpty()) {
            if (storing.incrementAndGet() > concurrent) {
                storing.decrementAndGet();
                return;
            }
            List<Waiting> batch = new ArrayList<>();
            for (Waiting waiting = line.poll(); waiting != null; waiting = batch.size() < maxBatch
                    ? line.poll()
                    : null) {
                batch.add(waiting);
            }
            if (batch.isEmpty()) {
                storing.decrementAndGet();
                continue;
            }
            sizes.record(batch.size());
            store(batch);
        }
    }

    private void store(List<Waiting> batch) {
        List<Submission> submissions = new ArrayList<>(batch.size());
        Map<String, Integer> firstOfKey = new HashMap<>();
        int[] submissionOf = new int[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            Waiting waiting = batch.get(i);
            OutgoingMessage message = waiting.message();
            String key = message.clientId() == null
                    ? null
                    : message.conversationId() + ":" + waiting.caller() + ":" + message.clientId();
            Integer first = key == null ? null : firstOfKey.get(key);
            if (first != null) {
                submissionOf[i] = -1 - first;
                continue;
            }
            if (key != null) {
                firstOfKey.put(key, submissions.size());
            }
            submissionOf[i] = submissions.size();
            submissions.add(new Submission(submissions.size(), message.conversationId(), waiting.caller(),
                    message.body(), message.clientId(), waiting.peerId(), message.replyTo(), message.mentions(),
                    message.attachments()));
        }
        store.store(submissions).subscribe().with(outcomes -> {
            for (int i = 0; i < batch.size(); i++) {
                int index = submissionOf[i] >= 0 ? submissionOf[i] : -1 - submissionOf[i];
                if (outcomes.refused().contains(index)) {
                    batch.get(i).fail(new PeerUnconfirmed());
                    continue;
                }
                SentMessage sent = outcomes.sent().get(index);
                batch.get(i).complete(submissionOf[i] >= 0 ? sent : repeated(sent));
            }
            done();
        }, failure -> {
            batch.forEach(waiting -> waiting.fail(failure));
            done();
        });
    }

    private static SentMessage repeated(SentMessage first) {
        return first == null ? null : new SentMessage(first.message(), false);
    }

    private void done() {
        storing.decrementAndGet();
        next();
    }
}
