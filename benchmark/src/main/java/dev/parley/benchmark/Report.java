package dev.parley.benchmark;

import java.util.TreeMap;

import org.HdrHistogram.Histogram;

/** Prints the run's figures, and the table row for docs/benchmarks.md. */
final class Report {

    private Report() {
    }

    static void print(Settings settings, MessageLoad.Result api, Verification verification, PgBench.Both pgbench) {
        Histogram latencies = api.latencies().getIntervalHistogram();
        double throughput = api.messages() / api.seconds();
        double p50 = latencies.getValueAtPercentile(50) / 1000.0;
        double p99 = latencies.getValueAtPercentile(99) / 1000.0;
        double ratio = throughput / pgbench.writes().tps();
        double ratioNotify = throughput / pgbench.withNotify().tps();
        System.out.printf("%n== chat-service over HTTP: %d senders, %d conversations, %d s (after %d s warm-up)%n",
                settings.senders(), settings.conversations(), settings.seconds(), settings.warmupSeconds());
        System.out.printf("limits: %s%n", new TreeMap<>(ChatService.LIMITS));
        System.out.printf("messages acknowledged: %d, failed: %d%n", api.messages(), api.failures());
        System.out.printf("throughput: %.0f messages/s, latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", throughput,
                p50, p99, latencies.getMaxValue() / 1000.0);
        System.out.printf("== pgbench, %d clients, seq update + insert: %.0f tx/s (avg %.1f ms)%n", settings.senders(),
                pgbench.writes().tps(), pgbench.writes().latencyMs());
        System.out.printf("== pgbench, %d clients, seq update + insert + NOTIFY: %.0f tx/s (avg %.1f ms)%n",
                settings.senders(), pgbench.withNotify().tps(), pgbench.withNotify().latencyMs());
        System.out.printf("== ratio API / pgbench: %.2f (same writes), %.2f (same writes and NOTIFY)%n", ratio,
                ratioNotify);
        System.out.printf("== database check: %d stored; lost %d, duplicated %d, gaps %d, out of order %d, "
                + "seq mismatches %d -> %s%n", verification.stored(), verification.lost(), verification.duplicated(),
                verification.gaps(), verification.outOfOrder(), verification.seqMismatch(),
                verification.clean() ? "CLEAN" : "FAILED");
        System.out.printf("%n| %d | %d | %.0f | %.1f | %.1f | %.0f | %.0f | %.2f | %.2f | %s |%n", settings.senders(),
                settings.conversations(), throughput, p50, p99, pgbench.writes().tps(), pgbench.withNotify().tps(),
                ratio, ratioNotify, verification.clean() ? "clean" : "FAILED");
    }
}
