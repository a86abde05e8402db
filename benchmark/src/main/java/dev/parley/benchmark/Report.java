package dev.parley.benchmark;

import org.HdrHistogram.Histogram;

/** Prints the run's figures, and the line for docs/benchmarks.md. */
final class Report {

    private Report() {
    }

    static void print(Settings settings, MessageLoad.Result api, Verification verification, PgBench.Result pgbench) {
        Histogram latencies = api.latencies().getIntervalHistogram();
        double throughput = api.messages() / api.seconds();
        double p50 = latencies.getValueAtPercentile(50) / 1000.0;
        double p99 = latencies.getValueAtPercentile(99) / 1000.0;
        double ratio = throughput / pgbench.tps();
        System.out.printf("%n== chat-service over HTTP: %d senders, %d conversations, %d s (after %d s warm-up)%n",
                settings.senders(), settings.conversations(), settings.seconds(), settings.warmupSeconds());
        System.out.printf("messages acknowledged: %d, failed: %d%n", api.messages(), api.failures());
        System.out.printf("throughput: %.0f messages/s, latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", throughput,
                p50, p99, latencies.getMaxValue() / 1000.0);
        System.out.printf("== pgbench, same writes, %d clients: %.0f transactions/s, average latency %.1f ms%n",
                settings.senders(), pgbench.tps(), pgbench.latencyMs());
        System.out.printf("== ratio API / pgbench: %.2f%n", ratio);
        System.out.printf("== database check: %d stored; lost %d, duplicated %d, gaps %d, out of order %d, "
                + "seq mismatches %d -> %s%n", verification.stored(), verification.lost(), verification.duplicated(),
                verification.gaps(), verification.outOfOrder(), verification.seqMismatch(),
                verification.clean() ? "CLEAN" : "FAILED");
        System.out.printf("%n| %d | %d | %.0f | %.1f | %.1f | %.0f | %.2f | %s |%n", settings.senders(),
                settings.conversations(), throughput, p50, p99, pgbench.tps(), ratio,
                verification.clean() ? "0 lost, 0 duplicated, 0 out of order" : "FAILED");
    }
}
