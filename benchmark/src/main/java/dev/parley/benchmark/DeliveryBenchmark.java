package dev.parley.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The send load through two chat-service replicas with every recipient listening on {@code /v1/stream} (half on each
 * replica): latency from the sender's 2xx to the recipient's {@code message.created} frame, and per socket whether
 * every acknowledged message arrived exactly once and in order. With {@code crash}, the second replica is killed
 * ({@code kill -9}) halfway through the measured period; its senders move to the first.
 */
final class DeliveryBenchmark {

    private static final int REPLICAS = 2;
    private static final int KILLED = 1;

    private DeliveryBenchmark() {
    }

    static boolean run(Settings settings, boolean crash) throws Exception {
        String mode = crash ? "crash" : "delivery";
        Senders.Result sends;
        List<Conversation> conversations;
        Window window;
        DeliveryCheck delivery;
        Duration drained;
        List<String> endedEarly;
        Kill kill;
        try (Mailbox mail = Mailbox.start(); Deployment deployment = Deployment.start(settings, mail, REPLICAS)) {
            Api api = new Api();
            conversations = Population.create(settings, deployment, mail, api);
            Replicas replicas = new Replicas(deployment.chatUrls());
            try (RecipientSockets sockets = RecipientSockets.connect(api.http(), replicas, conversations,
                    settings.senders())) {
                Progress.log(sockets.size() + " sockets open; sending: " + settings.warmupSeconds()
                        + " s warm-up, then " + settings.seconds() + " s measured" + (crash ? ", kill halfway" : ""));
                window = Window.startingNow(settings);
                AtomicReference<Kill> killed = new AtomicReference<>();
                Thread killer = Thread.ofVirtual().unstarted(() -> killHalfway(deployment, replicas, window, killed));
                if (crash) {
                    killer.start();
                }
                sends = Senders.run(settings, api.http(), replicas, conversations, window);
                if (crash) {
                    killer.join();
                }
                kill = killed.get();
                Progress.log("waiting up to " + settings.drainSeconds() + " s for the last messages");
                drained = sockets.drain(sends.acked(), window, kill, Duration.ofSeconds(settings.drainSeconds()));
                delivery = DeliveryCheck.of(sockets.logs(), sends.acked(), window, kill);
                endedEarly = sockets.endedEarly(replicas);
            }
        }
        Verification database = Verification.check(settings, conversations, sends.acked());
        Report report = new Report(settings, mode, REPLICAS, window);
        report.header(conversations.size(), conversations.size());
        report.sends(sends);
        report.delivery(delivery, drained, endedEarly);
        if (crash) {
            report.recovery(kill, delivery.recovery());
        }
        report.database(database);
        report.deliveryResult(sends, delivery, kill, database);
        return database.clean() && delivery.clean() && (!crash || kill != null);
    }

    private static void killHalfway(Deployment deployment, Replicas replicas, Window window,
            AtomicReference<Kill> killed) {
        try {
            long at = window.from() + (window.to() - window.from()) / 2;
            Thread.sleep(Duration.ofNanos(Math.max(0, at - System.nanoTime())));
            killed.set(new Kill(KILLED, System.nanoTime()));
            deployment.kill(KILLED);
            replicas.markDown(KILLED);
            Progress.log("killed chat-service-" + (KILLED + 1) + " (kill -9)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
