package dev.parley.chat.packaged;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.parley.chat.support.Neighbours;

/**
 * chat-service started from its packaged artifact ({@code target/quarkus-app/quarkus-run.jar}) in its own JVM, in
 * the production profile, against the test database and {@link Neighbours}.
 */
final class ChatProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ChatProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static ChatProcess start(boolean migrate) throws Exception {
        return start(migrate, Map.of());
    }

    /** The same, with more environment variables (settings) for this replica. */
    static ChatProcess start(boolean migrate, Map<String, String> settings) throws Exception {
        int port = freePort();
        String host = env("PG_TEST_HOST", "127.0.0.1");
        String database = "postgresql://" + host + ":" + env("PG_TEST_PORT", "5432") + "/parley_test";
        Path log = Files.createTempFile("chat-service-" + port, ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", new File("target/quarkus-app/quarkus-run.jar").getAbsolutePath())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.ofEntries(
                Map.entry("QUARKUS_HTTP_PORT", Integer.toString(port)),
                Map.entry("QUARKUS_DATASOURCE_REACTIVE_URL", database),
                Map.entry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:" + database),
                Map.entry("QUARKUS_DATASOURCE_USERNAME", env("PG_TEST_USER", "parley_test")),
                Map.entry("QUARKUS_DATASOURCE_PASSWORD", env("PG_TEST_PASSWORD", "parley_test")),
                Map.entry("QUARKUS_FLYWAY_MIGRATE_AT_START", Boolean.toString(migrate)),
                Map.entry("PARLEY_ACCOUNT_SERVICE_URL", Neighbours.accountServiceUrl()),
                Map.entry("PARLEY_FRIENDSHIP_SERVICE_URL", Neighbours.friendshipServiceUrl()),
                Map.entry("PARLEY_EVENTS_SOURCES_ACCOUNT_URL", Neighbours.accountServiceUrl()),
                Map.entry("PARLEY_EVENTS_SOURCES_FRIENDSHIP_URL", Neighbours.friendshipServiceUrl()),
                Map.entry("PARLEY_INTERNAL_PORT", Integer.toString(freePort())),
                Map.entry("PARLEY_INTERNAL_TOKEN", "parley-replicas-internal-token")));
        builder.environment().putAll(settings);
        ChatProcess chat = new ChatProcess(builder.start(), port, log);
        chat.awaitReady();
        return chat;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    private void awaitReady() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("chat-service exited:\n" + Files.readString(log));
            }
            try {
                HttpResponse<Void> ready = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("chat-service did not become ready:\n" + Files.readString(log));
    }

    /** Ends the process at once, as {@code kill -9} does: nothing of its shutdown runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
