package dev.parley.benchmark;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** chat-service from its packaged artifact, in its own JVM, migrating the benchmark database at start. */
final class ChatService implements AutoCloseable {

    private final Process process;
    private final int port;

    private ChatService(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * The benchmark measures what chat-service can carry, so the per-user send rate (default 100 at once, then 20 a
     * second) is lifted: each sender posts far faster than one person would. Every other limit keeps its default.
     */
    static final Map<String, String> LIMITS = Map.of("PARLEY_MESSAGES_SEND_BURST", "1000000",
            "PARLEY_MESSAGES_SENDS_PER_SECOND", "1000000");

    static ChatService start(Settings settings, String neighbours) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Path.of("benchmark/target/chat-service.log");
        Files.createDirectories(log.getParent());
        String database = "postgresql://" + settings.dbHost() + ":" + settings.dbPort() + "/" + settings.dbName();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", settings.jar()).redirectErrorStream(true).redirectOutput(log.toFile());
        var env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", database);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:" + database);
        env.put("QUARKUS_DATASOURCE_USERNAME", settings.dbUser());
        env.put("QUARKUS_DATASOURCE_PASSWORD", settings.dbPassword());
        env.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
        env.put("QUARKUS_LOG_LEVEL", "WARN");
        env.put("PARLEY_ACCOUNT_SERVICE_URL", neighbours);
        env.put("PARLEY_FRIENDSHIP_SERVICE_URL", neighbours);
        env.put("PARLEY_EVENTS_SOURCES_ACCOUNT_URL", neighbours);
        env.put("PARLEY_EVENTS_SOURCES_FRIENDSHIP_URL", neighbours);
        env.put("PARLEY_INTERNAL_PORT", "0");
        env.put("PARLEY_INTERNAL_HOST", "127.0.0.1");
        env.put("PARLEY_INTERNAL_TOKEN", "parley-benchmark-internal-token");
        env.putAll(LIMITS);
        ChatService chat = new ChatService(builder.start(), port);
        chat.awaitReady(log);
        return chat;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitReady(Path log) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 240; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("chat-service exited; see " + log);
            }
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("chat-service did not become ready; see " + log);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
