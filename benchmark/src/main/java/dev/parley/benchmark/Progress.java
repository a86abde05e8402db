package dev.parley.benchmark;

/** Where the run is, on standard error, with the seconds since it began. */
final class Progress {

    private static final long STARTED = System.nanoTime();

    private Progress() {
    }

    static void log(String what) {
        System.err.printf("[bench %5.1f s] %s%n", (System.nanoTime() - STARTED) / 1e9, what);
    }
}
