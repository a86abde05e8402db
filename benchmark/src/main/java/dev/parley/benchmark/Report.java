package dev.parley.benchmark;

import java.time.Duration;
import java.util.List;

import org.HdrHistogram.Histogram;

/**
 * Prints a run's figures; the line starting {@code == result <mode>:} sums the run up (grep for it), and the table row
 * after it is for docs/benchmarks.md.
 */
final class Report {

    private final Settings settings;
    private final String mode;
    private final int replicas;
    private final Window window;

    Report(Settings settings, String mode, int replicas, Window window) {
        this.settings = settings;
        this.mode = mode;
        this.replicas = replicas;
        this.window = window;
    }

    void header(int conversations, int sockets) {
        System.out.printf("%n== %s: %d senders into %d direct conversations between friends, %d chat-service "
                + "replica%s, %d sockets; %d s measured after %d s warm-up%n", mode, settings.senders(),
                conversations, replicas, replicas == 1 ? "" : "s", sockets, settings.seconds(),
                settings.warmupSeconds());
        System.out.println(Limits.describe());
    }

    void sends(Senders.Result sends) {
        System.out.printf("sends: %d acknowledged (%d in the measured period; by replica %s), %d failed%s%n",
                sends.acknowledged(), sends.measured(), sends.acknowledgedByReplica(replicas), sends.failed(),
                sends.failures().isEmpty() ? "" : " " + sends.failures());
        System.out.printf("throughput: %.0f messages/s, latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                throughput(sends), ms(sends.latencies(), 50), ms(sends.latencies(), 99),
                sends.latencies().getMaxValue() / 1000.0);
    }

    void pgbench(Senders.Result sends, PgBench.Result pgbench) {
        System.out.printf("pgbench, %d clients, seq update + insert: %.0f tx/s (avg %.1f ms)%n", settings.senders(),
                pgbench.tps(), pgbench.latencyMs());
        System.out.printf("ratio API / pgbench: %.2f%n", throughput(sends) / pgbench.tps());
    }

    void delivery(DeliveryCheck check, Duration drained, List<String> endedEarly) {
        System.out.printf("delivery: %d sockets%s, %d of %d acknowledged messages received; missing %d, "
                + "duplicated %d, out of order %d; frames of unacknowledged sends: %d -> %s%n", check.sockets(),
                check.recovery() == null ? "" : " (" + check.excluded() + " left out after the kill)",
                check.delivered(), check.expected(), check.missing(),
                check.duplicated(), check.outOfOrder(), check.unacknowledged(), verdict(check.clean()));
        System.out.printf("delivery latency, 2xx to frame: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d frames, %d of "
                + "them before their 2xx)%n", ms(check.latencies(), 50), ms(check.latencies(), 99),
                check.latencies().getMaxValue() / 1000.0, check.latencies().getTotalCount(), check.beforeAck());
        System.out.printf("delivery latency, send to frame: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                ms(check.fromSend(), 50), ms(check.fromSend(), 99), check.fromSend().getMaxValue() / 1000.0);
        System.out.printf("drain: waited %.1f s after the last send for the last message%n",
                drained.toMillis() / 1000.0);
        System.out.printf("sockets that ended on a replica still up: %s%n",
                endedEarly.isEmpty()
                        ? "none"
                        : endedEarly.size() + " " + endedEarly.subList(0,
                                Math.min(5, endedEarly.size())));
    }

    void recovery(Kill kill, DeliveryCheck.Recovery recovery) {
        if (kill == null) {
            System.out.println("kill: the replica was not killed (the run ended first)");
            return;
        }
        System.out.printf("kill -9 of chat-service-%d at %.1f s into the measured period%n", kill.replica() + 1,
                window.secondsIn(kill.at()));
        System.out.printf("recovery: %d messages acknowledged by chat-service-%d for sockets on the other replica; "
                + "missing %d; slowest %s after its 2xx, last %s after the kill%n", recovery.expected(),
                kill.replica() + 1, recovery.missing(), millis(recovery.slowest()), millis(recovery.lastAfterKill()));
    }

    void database(Verification check) {
        System.out.printf("database check: %d stored; lost %d, duplicated %d, gaps %d, out of order %d, seq "
                + "mismatches %d -> %s%n", check.stored(), check.lost(), check.duplicated(), check.gaps(),
                check.outOfOrder(), check.seqMismatch(), verdict(check.clean()));
    }

    void sendResult(Senders.Result sends, PgBench.Result pgbench, Verification database) {
        double throughput = throughput(sends);
        System.out.printf("%n== result send: %.0f msg/s, p50 %.1f ms, p99 %.1f ms, pgbench %.0f tx/s, ratio %.2f, "
                + "database %s (%d rows)%n", throughput, ms(sends.latencies(), 50), ms(sends.latencies(), 99),
                pgbench.tps(), throughput / pgbench.tps(), verdict(database.clean()), database.stored());
        System.out.printf("| %d | %d | %.0f | %.1f | %.1f | %.0f | %.2f | %s (%d rows) |%n", settings.senders(),
                settings.conversations(), throughput, ms(sends.latencies(), 50), ms(sends.latencies(), 99),
                pgbench.tps(), throughput / pgbench.tps(), database.clean() ? "clean" : "FAILED", database.stored());
    }

    void deliveryResult(Senders.Result sends, DeliveryCheck delivery, Kill kill, Verification database) {
        String recovery = "";
        if (kill != null) {
            recovery = String.format(", killed replica's messages: missing %d of %d, slowest %s after its 2xx, last "
                    + "%s after the kill", delivery.recovery().missing(), delivery.recovery().expected(),
                    millis(delivery.recovery().slowest()), millis(delivery.recovery().lastAfterKill()));
        }
        System.out.printf("%n== result %s: %.0f msg/s, send p99 %.1f ms, delivery p50 %.1f ms, p99 %.1f ms, "
                + "missing %d, duplicated %d, out of order %d -> %s%s, database %s (%d rows)%n", mode,
                throughput(sends), ms(sends.latencies(), 99), ms(delivery.latencies(), 50),
                ms(delivery.latencies(), 99), delivery.missing(), delivery.duplicated(), delivery.outOfOrder(),
                verdict(delivery.clean()), recovery, verdict(database.clean()), database.stored());
        System.out.printf("| %d | %d | %.0f | %.1f | %.1f | %.1f | %d / %d / %d | %s | %s (%d rows) |%n",
                settings.senders(), settings.conversations(), throughput(sends), ms(sends.latencies(), 99),
                ms(delivery.latencies(), 50), ms(delivery.latencies(), 99), delivery.missing(),
                delivery.duplicated(), delivery.outOfOrder(), kill == null
                        ? "-"
                        : delivery.recovery().missing() + " missing, slowest " + millis(delivery.recovery().slowest())
                                + ", last " + millis(delivery.recovery().lastAfterKill()) + " after the kill",
                database.clean() ? "clean" : "FAILED", database.stored());
    }

    private double throughput(Senders.Result sends) {
        return sends.measured() / window.seconds();
    }

    static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    private static String millis(long nanos) {
        return nanos == Long.MIN_VALUE ? "n/a" : String.format("%.0f ms", nanos / 1e6);
    }

    static String verdict(boolean clean) {
        return clean ? "CLEAN" : "FAILED";
    }
}
