package dev.parley.benchmark;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The senders: one thread per sending user, each posting {@code POST /v1/conversations/{id}/messages} with a fresh
 * {@code client_message_id} round-robin into its own conversations, from the start of the warm-up to the end of the
 * measured period, through its replica ({@code sender index % replicas}, or another when that one is down). Every
 * 201 is recorded with its seq and message id; anything else counts as a failure and is not retried.
 */
final class Senders {

    /**
     * What the senders did: measured sends, their latencies (microseconds), every acknowledged send by conversation,
     * and the failures by what they were (a status, or the exception of a connection that failed).
     */
    record Result(long measured, Histogram latencies, Map<Long, List<Acked>> acked, Map<String, Long> failures) {

        long acknowledged() {
            return acked.values().stream().mapToLong(List::size).sum();
        }

        /** Acknowledged sends by the replica that acknowledged them, in replica order. */
        List<Long> acknowledgedByReplica(int replicas) {
            long[] counts = new long[replicas];
            acked.values().forEach(acks -> List.copyOf(acks).forEach(ack -> counts[ack.replica()]++));
            return Arrays.stream(counts).boxed().toList();
        }

        long failed() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private Senders() {
    }

    static Result run(Settings settings, HttpClient http, Replicas replicas, List<Conversation> conversations,
            Window window) throws Exception {
        Recorder latencies = new Recorder(3);
        Map<Long, List<Acked>> acked = new HashMap<>();
        conversations.forEach(c -> acked.put(c.id(), Collections.synchronizedList(new ArrayList<>())));
        AtomicLong measured = new AtomicLong();
        Map<String, Long> failures = new ConcurrentHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(settings.senders())) {
            List<Future<?>> senders = new ArrayList<>();
            for (int s = 0; s < settings.senders(); s++) {
                int sender = s;
                List<Conversation> mine = conversations.stream().filter(c -> c.senderIndex() == sender).toList();
                senders.add(pool.submit(() -> {
                    int next = 0;
                    while (System.nanoTime() < window.to()) {
                        Conversation target = mine.get(next++ % mine.size());
                        int replica = replicas.route(sender % replicas.count());
                        Acked ack;
                        try {
                            ack = send(http, replicas.url(replica), target, replica);
                        } catch (Failure failure) {
                            failures.merge(failure.getMessage(), 1L, Long::sum);
                            // A moment before the next attempt, so a replica that is gone is not hammered.
                            Thread.sleep(10);
                            continue;
                        }
                        acked.get(target.id()).add(ack);
                        if (window.measures(ack.sentAt(), ack.ackedAt())) {
                            latencies.recordValue((ack.ackedAt() - ack.sentAt()) / 1_000);
                            measured.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> sender : senders) {
                sender.get();
            }
        }
        return new Result(measured.get(), latencies.getIntervalHistogram(), acked, new TreeMap<>(failures));
    }

    /** A send that was not acknowledged, named by its status or by how its connection failed. */
    private static final class Failure extends Exception {

        Failure(String what) {
            super(what, null, false, false);
        }
    }

    /** One send and its acknowledgement; anything but a 201 (a failed connection included) is a failure. */
    private static Acked send(HttpClient http, String base, Conversation target, int replica)
            throws Failure, InterruptedException {
        String clientId = UUID.randomUUID().toString();
        HttpRequest request = Api.request(base + "/v1/conversations/" + target.id() + "/messages",
                target.sender().accessToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"body\":\"benchmark message\",\"client_message_id\":\"" + clientId + "\"}"))
                .build();
        long sentAt = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long ackedAt = System.nanoTime();
            if (response.statusCode() != 201) {
                throw new Failure(Integer.toString(response.statusCode()));
            }
            JsonNode message = Api.JSON.readTree(response.body());
            return new Acked(target.sender().id(), clientId, message.get("seq").asLong(), message.get("id").asLong(),
                    sentAt, ackedAt, replica);
        } catch (IOException e) {
            throw new Failure(e.getClass().getSimpleName());
        }
    }
}
