package dev.parley.benchmark;

import java.util.List;

/**
 * The benchmarks of message sending and real-time delivery, one per mode ({@code scripts/bench.sh [mode]}):
 * <ul>
 * <li>{@code send}: {@link SendBenchmark}, sends through one chat-service replica next to pgbench;</li>
 * <li>{@code delivery}: {@link DeliveryBenchmark}, the same load through two replicas, every recipient listening;</li>
 * <li>{@code crash}: the same with one replica killed halfway through the measured period;</li>
 * <li>{@code push}: {@link PushBenchmark}, {@code send} with a push to every recipient's FCM device per message;</li>
 * <li>{@code search}: {@link SearchBenchmark}, message search over a million messages, next to the same SQL.</li>
 * </ul>
 * Each starts the real services from their packaged jars against the fresh database scripts/bench.sh prepares,
 * makes its users through the public API, checks the database (or, for search, every answer) afterwards, and exits
 * non-zero when a check fails.
 */
public final class Bench {

    private static final List<String> MODES = List.of("send", "delivery", "crash", "push", "search");

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        // GreenMail logs through SLF4J; the benchmark has nothing to say through it.
        System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
        System.setProperty("slf4j.internal.verbosity", "WARN");
        String mode = args.length == 0 ? "send" : args[0];
        if (!MODES.contains(mode)) {
            System.err.println("unknown mode " + mode + "; one of " + MODES);
            System.exit(2);
        }
        Settings settings = Settings.fromSystemProperties();
        boolean clean = switch (mode) {
            case "delivery" -> DeliveryBenchmark.run(settings, false);
            case "crash" -> DeliveryBenchmark.run(settings, true);
            case "push" -> PushBenchmark.run(settings);
            case "search" -> SearchBenchmark.run(settings);
            default -> SendBenchmark.run(settings);
        };
        System.exit(clean ? 0 : 1);
    }
}
