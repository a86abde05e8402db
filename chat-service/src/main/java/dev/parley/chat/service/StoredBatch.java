package dev.parley.chat.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

import dev.parley.chat.api.Event;
import dev.parley.chat.api.MessageView;
import dev.parley.chat.api.SentMessage;
import dev.parley.chat.repository.MessageBatchRepository;
import dev.parley.chat.repository.MessageBatchRepository.Batch;
import dev.parley.chat.repository.MessageBatchRepository.Stored;
import dev.parley.chat.repository.MessageBatchRepository.Submission;
import dev.parley.chat.repository.MessageRepository;
import dev.parley.common.time.Timestamps;

/**
 * One batch of sends in one transaction, then fan-out of the new messages once it has committed. A deadlock between
 * batches (which lock in one order, so only with other writers) runs the whole batch again.
 */
@ApplicationScoped
public class StoredBatch {

    private final Pool pool;
    private final MessageBatchRepository messages;
    private final MessageRepository stored;
    private final EventWire wire;
    private final Fanout fanout;
    private final Counter sent;

    public StoredBatch(Pool pool, MessageBatchRepository messages, MessageRepository stored, EventWire wire,
            Fanout fanout, MeterRegistry registry) {
        this.pool = pool;
        this.messages = messages;
        this.stored = stored;
        this.wire = wire;
        this.fanout = fanout;
        this.sent = Counter.builder("parley.messages.sent").description("Messages stored").register(registry);
    }

    /**
     * The answer to each submission, by its index: the message and whether it is new; null for a non-member. A
     * submission whose peer check failed is among the {@code refused}.
     */
    public Uni<Outcomes> store(List<Submission> submissions) {
        Instant now = Timestamps.now();
        return Deadlocks.retried(() -> pool.withTransaction(tx -> messages
                .store(tx, submissions, now, Event.MESSAGE_CREATED)
                .chain(batch -> earlier(tx, submissions, batch).map(found -> answers(submissions, batch, found, now)))))
                .invoke(this::announce)
                .map(answers -> new Outcomes(answers.sent(), answers.refused()));
    }

    /** What became of each submission, by index. */
    public record Outcomes(List<SentMessage> sent, Set<Integer> refused) {
    }

    /** The answers, the submissions refused by the peer check, and the new messages' events to announce. */
    record Answers(List<SentMessage> sent, Set<Integer> refused, List<Announcement> events) {
    }

    // A resend is answered with the message as its sender sees it now; resends are rare, so one read each.
    private Uni<List<MessageView>> earlier(SqlConnection tx, List<Submission> submissions, Batch batch) {
        List<Uni<MessageView>> reads = batch.stored().stream().filter(s -> !s.isNew() && !s.refused())
                .map(s -> {
                    Submission submission = submissions.get(s.index());
                    return stored.one(tx, submission.conversationId(), s.messageId(), submission.senderId());
                }).toList();
        return reads.isEmpty() ? Uni.createFrom().item(List.of()) : Uni.join().all(reads).andFailFast();
    }

    private Answers answers(List<Submission> submissions, Batch batch, List<MessageView> earlier, Instant now) {
        SentMessage[] sent = new SentMessage[submissions.size()];
        Set<Integer> refused = new HashSet<>();
        List<Announcement> events = new ArrayList<>();
        long at = System.currentTimeMillis();
        for (Stored stored : batch.stored()) {
            Submission submission = submissions.get(stored.index());
            if (stored.refused()) {
                refused.add(stored.index());
                continue;
            }
            if (!stored.isNew()) {
                earlier.stream().filter(m -> m.id() == stored.messageId()).findFirst()
                        .ifPresent(view -> sent[stored.index()] = new SentMessage(view, false));
                continue;
            }
            MessageView view = new MessageView(stored.messageId(), submission.conversationId(), stored.seq(),
                    submission.senderId(), submission.body(), submission.clientMessageId(), now, null, false,
                    stored.replyTo(), submission.mentions(), List.of(), false, stored.attachments());
            sent[stored.index()] = new SentMessage(view, true);
            Event event = new Event(Event.MESSAGE_CREATED, view.conversationId(), view.seq(), view);
            events.add(new Announcement(stored.logId(), batch.xid(), view.conversationId(), Event.MESSAGE_CREATED,
                    view.seq(), wire.frame(event), stored.members(), at));
        }
        return new Answers(Arrays.asList(sent), refused, events);
    }

    private void announce(Answers answers) {
        sent.increment(answers.events().size());
        fanout.committed(answers.events());
    }
}
