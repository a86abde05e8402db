package dev.parley.e2e.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The local PostgreSQL cluster, stopped and started with {@code pg_ctlcluster} (as root, or as its owner). Whoever
 * stops it starts it again in a finally block; {@link #ensureRunning()} is the safety net.
 */
public final class Postgres {

    /** Where the cluster listens: PG_HOST and PG_PORT, as for the scripts (default 127.0.0.1:5432). */
    public static final String HOST = env("PG_HOST", "127.0.0.1");
    public static final String PORT = env("PG_PORT", "5432");

    private static final Duration WITHIN = Duration.ofSeconds(60);

    private Postgres() {
    }

    /** Fast shutdown: open connections are ended, nothing committed is lost. */
    public static void stop() throws Exception {
        ctl("stop", "-m", "fast");
    }

    public static void start() throws Exception {
        ctl("start");
        awaitAccepting();
    }

    public static boolean isAccepting() throws Exception {
        Process ready = new ProcessBuilder("pg_isready", "-q", "-h", HOST, "-p", PORT)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return ready.waitFor(10, TimeUnit.SECONDS) && ready.exitValue() == 0;
    }

    /** Starts the cluster if a test left it down. */
    public static void ensureRunning() throws Exception {
        if (!isAccepting()) {
            start();
        }
    }

    private static void awaitAccepting() throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (isAccepting()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("PostgreSQL does not accept connections " + WITHIN + " after its start");
    }

    private static void ctl(String... action) throws Exception {
        List<String> command = new java.util.ArrayList<>(
                List.of("pg_ctlcluster", "--skip-systemctl-redirect", version(), "main"));
        command.addAll(List.of(action));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(WITHIN.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish");
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The server programs of the local cluster's version (initdb, pg_ctl), which Debian keeps off the PATH. */
    public static Path binaries() throws IOException {
        return Path.of("/usr/lib/postgresql", version(), "bin");
    }

    /** The newest cluster version under /etc/postgresql, as scripts/lib.sh picks it. */
    private static String version() throws IOException {
        try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
            return versions.map(path -> path.getFileName().toString())
                    .filter(name -> name.matches("\\d+(\\.\\d+)?"))
                    .max(Comparator.comparingDouble(Double::parseDouble))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL cluster under /etc/postgresql"));
        }
    }
}
