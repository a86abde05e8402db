package dev.parley.benchmark;

import java.time.Duration;

/**
 * The run's clock in {@link System#nanoTime()}: the warm-up from {@code start}, the measured period from {@code from}
 * to {@code to}. A send is measured when it was sent and acknowledged inside the measured period.
 */
record Window(long start, long from, long to) {

    static Window startingNow(Settings settings) {
        long start = System.nanoTime();
        long from = start + Duration.ofSeconds(settings.warmupSeconds()).toNanos();
        return new Window(start, from, from + Duration.ofSeconds(settings.seconds()).toNanos());
    }

    boolean measures(long sentAt, long ackedAt) {
        return sentAt >= from && ackedAt <= to;
    }

    double seconds() {
        return (to - from) / 1e9;
    }

    /** Seconds from the start of the measured period to the instant. */
    double secondsIn(long instant) {
        return (instant - from) / 1e9;
    }
}
