package dev.parley.benchmark;

import java.time.Duration;

/**
 * Prints the push run's own figures next to {@link Report}'s: what the FCM stand-in received, the latency from each
 * send's 2xx to its push, and the line starting {@code == result push:} with its table row for docs/benchmarks.md.
 */
final class PushReport {

    private final Settings settings;
    private final Window window;

    PushReport(Settings settings, Window window) {
        this.settings = settings;
        this.window = window;
    }

    void devices(int devices, long accessTokens, long refused) {
        System.out.printf("devices: %d FCM devices, one per recipient; the FCM stand-in issued %d access token%s and "
                + "refused %d calls%n", devices, accessTokens, accessTokens == 1 ? "" : "s", refused);
    }

    void pushes(PushCheck check, Duration drained) {
        System.out.printf("pushes: %d received, %d distinct push ids, %d repeated; %d of %d measured messages pushed, "
                + "missing %d -> %s%n", check.received(), check.distinct(), check.repeated(),
                check.expected() - check.missing(), check.expected(), check.missing(), Report.verdict(check.clean()));
        System.out.printf("pushes outside the check: acknowledged outside the measured period without a push %d, of "
                + "unacknowledged sends %d, messages with more than one push id %d%n", check.missingOutside(),
                check.unacknowledged(), check.multiple());
        System.out.printf("push latency, 2xx to push: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d pushes, %d of them "
                + "before their 2xx)%n", Report.ms(check.latencies(), 50), Report.ms(check.latencies(), 99),
                check.latencies().getMaxValue() / 1000.0, check.latencies().getTotalCount(), check.beforeAck());
        System.out.printf("push rate during the measured period: %.0f pushes/s arrived%n",
                check.inWindow() / window.seconds());
        System.out.printf("drain: waited %.1f s after the last send for the last push%n", drained.toMillis() / 1000.0);
    }

    void result(Senders.Result sends, PgBench.Result pgbench, PushCheck push, Verification database) {
        double throughput = sends.measured() / window.seconds();
        double p50 = Report.ms(sends.latencies(), 50);
        double p99 = Report.ms(sends.latencies(), 99);
        double pushP50 = Report.ms(push.latencies(), 50);
        double pushP99 = Report.ms(push.latencies(), 99);
        double pushMax = push.latencies().getMaxValue() / 1000.0;
        System.out.printf("%n== result push: %.0f msg/s, p50 %.1f ms, p99 %.1f ms, pgbench %.0f tx/s, ratio %.2f, "
                + "pushes %d (%d distinct ids), 2xx to push p50 %.1f ms, p99 %.1f ms, max %.1f ms, missing %d of %d, "
                + "repeated %d -> %s, database %s (%d rows)%n", throughput, p50, p99, pgbench.tps(),
                throughput / pgbench.tps(), push.received(), push.distinct(), pushP50, pushP99, pushMax,
                push.missing(), push.expected(), push.repeated(), Report.verdict(push.clean()),
                Report.verdict(database.clean()), database.stored());
        System.out.printf("| %d | %d | %.0f | %.1f | %.1f | %.0f | %.2f | %d / %d | %.1f | %.1f | %.1f | %d of %d / %d "
                + "| %s (%d rows) |%n", settings.senders(), settings.conversations(), throughput, p50, p99,
                pgbench.tps(), throughput / pgbench.tps(), push.received(), push.distinct(), pushP50, pushP99, pushMax,
                push.missing(), push.expected(), push.repeated(), database.clean() ? "clean" : "FAILED",
                database.stored());
    }
}
