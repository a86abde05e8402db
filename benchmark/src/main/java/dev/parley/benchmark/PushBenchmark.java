package dev.parley.benchmark;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code send} load with every recipient holding one FCM device and no socket, so every message becomes one push:
 * chat-service's FCM provider points at {@link FcmStandIn} in this process. Besides {@code send}'s figures (pgbench
 * and the ratio included), the latency from each send's 2xx to its push's arrival, and whether every message of the
 * measured period got its push, each push id once.
 */
final class PushBenchmark {

    static final String DEVICE_ID = "bench-phone";
    private static final int THREADS = 4;

    private PushBenchmark() {
    }

    static boolean run(Settings settings) throws Exception {
        Senders.Result sends;
        List<Conversation> conversations;
        Window window;
        PushCheck pushes;
        Duration drained;
        long accessTokens;
        long refused;
        try (Mailbox mail = Mailbox.start();
                FcmStandIn fcm = FcmStandIn.start();
                Deployment deployment = Deployment.start(settings, mail, 1, fcm.chatSettings())) {
            Api api = new Api();
            conversations = Population.create(settings, deployment, mail, api);
            String chat = deployment.chatUrls().get(0);
            Progress.log("registering an FCM device for each of " + conversations.size() + " recipients");
            Parallel.map(conversations, THREADS, c -> api.put(chat + "/v1/devices/" + DEVICE_ID,
                    c.recipient().accessToken(), Map.of("platform", "fcm", "token", token(c.recipient())), 201));
            Progress.log("sending: " + settings.warmupSeconds() + " s warm-up, then " + settings.seconds()
                    + " s measured");
            window = Window.startingNow(settings);
            sends = Senders.run(settings, api.http(), new Replicas(deployment.chatUrls()), conversations, window);
            Progress.log("waiting for the last pushes, until none has come for " + settings.drainSeconds() + " s");
            drained = drain(fcm, sends.acked(), Duration.ofSeconds(settings.drainSeconds()));
            pushes = PushCheck.of(fcm.pushes(), sends.acked(), window);
            accessTokens = fcm.accessTokens();
            refused = fcm.refused();
        }
        Verification database = Verification.check(settings, conversations, sends.acked());
        Progress.log("pgbench, " + settings.seconds() + " s");
        PgBench.Result pgbench = PgBench.run(settings);
        Report report = new Report(settings, "push", 1, window);
        PushReport push = new PushReport(settings, window);
        report.header(conversations.size(), 0);
        push.devices(conversations.size(), accessTokens, refused);
        report.sends(sends);
        push.pushes(pushes, drained);
        report.pgbench(sends, pgbench);
        report.database(database);
        push.result(sends, pgbench, pushes, database);
        return database.clean() && pushes.clean();
    }

    /** An FCM registration token of the recipient's own, as FCM would give its app. */
    static String token(User recipient) {
        return "bench:" + recipient.id() + ":" + UUID.randomUUID();
    }

    /**
     * Waits until every acknowledged message has had a push, as long as pushes keep coming (at most {@code stall}
     * without a new one), then one more second for anything that would arrive twice; the time it waited for the last.
     */
    private static Duration drain(FcmStandIn fcm, Map<Long, List<Acked>> acked, Duration stall) throws Exception {
        Set<Long> messages = new HashSet<>();
        acked.values().forEach(acks -> List.copyOf(acks).forEach(ack -> messages.add(ack.messageId())));
        long start = System.nanoTime();
        long lastProgress = start;
        long missing = fcm.missing(messages);
        while (missing > 0 && System.nanoTime() - lastProgress < stall.toNanos()) {
            Thread.sleep(100);
            long now = fcm.missing(messages);
            if (now < missing) {
                lastProgress = System.nanoTime();
                missing = now;
            }
        }
        Duration waited = Duration.ofNanos(lastProgress - start);
        Thread.sleep(1_000);
        return waited;
    }
}
