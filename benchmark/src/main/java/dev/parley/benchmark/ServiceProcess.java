package dev.parley.benchmark;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service from its packaged jar in its own JVM, in the production profile, with the settings it is given on top of
 * this process's environment (so a {@code QUARKUS_*} or {@code PARLEY_*} variable set for the run reaches it), writing
 * to its own log.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Runs the jar's migrations and exits, as production's migration Job does; fails when they fail. */
    static void migrate(String name, Path jar, Map<String, String> settings, Path logs) throws Exception {
        Path log = logs.resolve(name + "-migrate.log");
        Map<String, String> migrate = new HashMap<>(settings);
        migrate.put("QUARKUS_INIT_AND_EXIT", "true");
        migrate.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
        Process process = builder(jar, migrate, log).start();
        if (!process.waitFor(READY_WITHIN.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("migrating " + name + " failed; see " + log);
        }
    }

    /** Starts the jar listening on {@code port}; see {@link #awaitReady}. */
    static ServiceProcess start(String name, Path jar, Map<String, String> settings, int port, Path logs)
            throws IOException {
        Path log = logs.resolve(name + ".log");
        return new ServiceProcess(name, builder(jar, settings, log).start(), port, log);
    }

    private static ProcessBuilder builder(Path jar, Map<String, String> settings, Path log) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (scripts/bench.sh "
                    + "builds them unless PARLEY_SKIP_BUILD=1)");
        }
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(settings);
        return builder;
    }

    /** A port nothing listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits until the service reports ready. */
    void awaitReady() throws Exception {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + log);
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " did not become ready within " + READY_WITHIN + "; see " + log);
    }

    /** {@code kill -9}: the process ends at once, without finishing anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as a deployment stops a pod; SIGKILL if it has not exited within 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", " + url() + ")";
    }
}
