package dev.parley.benchmark;

import java.util.List;

/**
 * Sends through one chat-service replica with the real account-service and friendship-service beside it: the
 * senders' throughput and latency, the database check, then pgbench doing the same writes once the services have
 * stopped, and the ratio of the two.
 */
final class SendBenchmark {

    private SendBenchmark() {
    }

    static boolean run(Settings settings) throws Exception {
        Senders.Result sends;
        List<Conversation> conversations;
        Window window;
        try (Mailbox mail = Mailbox.start(); Deployment deployment = Deployment.start(settings, mail, 1)) {
            Api api = new Api();
            conversations = Population.create(settings, deployment, mail, api);
            Progress.log("sending: " + settings.warmupSeconds() + " s warm-up, then " + settings.seconds()
                    + " s measured");
            window = Window.startingNow(settings);
            sends = Senders.run(settings, api.http(), new Replicas(deployment.chatUrls()), conversations, window);
        }
        Verification database = Verification.check(settings, conversations, sends.acked());
        Progress.log("pgbench, " + settings.seconds() + " s");
        PgBench.Result pgbench = PgBench.run(settings);
        Report report = new Report(settings, "send", 1, window);
        report.header(conversations.size(), 0);
        report.sends(sends);
        report.pgbench(sends, pgbench);
        report.database(database);
        report.sendResult(sends, pgbench, database);
        return database.clean();
    }
}
