package dev.parley.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Recorder;

/**
 * Sends messages to chat-service over HTTP from many concurrent senders into many conversations, then checks in the
 * database that every acknowledged message is stored exactly once and in order, then runs pgbench doing the same
 * writes (sequence update and insert) and prints both side by side.
 * <p>
 * Settings (system properties): {@code senders} (32), {@code conversations} (256), {@code seconds} (30),
 * {@code warmup} (5), {@code jar} (chat-service fast-jar), {@code db.*} (host, port, name, user, password).
 */
public final class MessageLoad {

    private MessageLoad() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        try (Neighbours neighbours = Neighbours.start();
                ChatService chat = ChatService.start(settings, neighbours.url())) {
            List<Conversation> conversations = Setup.conversations(chat.url(), settings);
            Result api = run(chat.url(), settings, conversations);
            Verification verification = Verification.check(settings, conversations, api.acked());
            PgBench.Both pgbench = PgBench.run(settings);
            Report.print(settings, api, verification, pgbench);
            if (!verification.clean()) {
                System.exit(1);
            }
        }
    }

    /** A conversation under load: its id and the two users who send to it. */
    record Conversation(long id, long[] members) {
    }

    /** What the HTTP run measured. */
    record Result(long messages, long failures, double seconds, Recorder latencies,
            Map<Long, List<Acked>> acked) {
    }

    /** An acknowledged send: who sent it, with which client id, and the seq the service gave it. */
    record Acked(long sender, String clientId, long seq) {
    }

    static Result run(String base, Settings settings, List<Conversation> conversations) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Recorder latencies = new Recorder(3);
        Map<Long, List<Acked>> acked = new ConcurrentHashMap<>();
        conversations.forEach(c -> acked.put(c.id(), java.util.Collections.synchronizedList(new ArrayList<>())));
        AtomicLong measured = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + Duration.ofSeconds(settings.warmupSeconds()).toNanos();
        long end = measureFrom + Duration.ofSeconds(settings.seconds()).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(settings.senders());
        List<Future<?>> senders = new ArrayList<>();
        for (int s = 0; s < settings.senders(); s++) {
            int sender = s;
            senders.add(pool.submit(() -> {
                List<Conversation> mine = conversations.stream()
                        .filter(c -> c.members()[0] == Setup.userId(sender)).toList();
                String token = Tokens.forUser(Setup.userId(sender));
                int next = 0;
                while (System.nanoTime() < end) {
                    Conversation target = mine.get(next++ % mine.size());
                    String clientId = UUID.randomUUID().toString();
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                                URI.create(base + "/v1/conversations/" + target.id() + "/messages"))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"body\":\"benchmark message\",\"client_message_id\":\"" + clientId + "\"}"))
                                .build(), HttpResponse.BodyHandlers.ofString());
                        long done = System.nanoTime();
                        if (response.statusCode() == 201) {
                            acked.get(target.id()).add(new Acked(Setup.userId(sender), clientId,
                                    Json.longField(response.body(), "seq")));
                            if (sent >= measureFrom && done <= end) {
                                latencies.recordValue((done - sent) / 1_000);
                                measured.incrementAndGet();
                            }
                        } else {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> sender : senders) {
            sender.get();
        }
        pool.shutdown();
        return new Result(measured.get(), failures.get(), settings.seconds(), latencies, acked);
    }
}
