package dev.parley.account.packaged;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The packaged account-service started as a pod starts it: the production profile, settings only from the
 * environment (none inherited from the test run), on a database of its own ({@code parley_test_production}, which
 * scripts/test.sh creates), so its mail sender never takes mails queued by another instance under test.
 */
final class ProductionProcess implements AutoCloseable {

    private static final Path ARTIFACT = Path.of("target/quarkus-app/quarkus-run.jar");

    private final Process process;
    private final Path output;
    private final int port;

    private ProductionProcess(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    /** Starts it with these settings on top of the database's; it may exit at once if they are wrong. */
    static ProductionProcess start(Map<String, String> settings) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path output = Files.createTempFile("account-service", ".log");
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", ARTIFACT.toString()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("PARLEY_") || name.startsWith("QUARKUS_"));
        env.putAll(database());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        // A free internal port rather than 9081; an empty feed answers after one long poll, and only then is the
        // service ready.
        env.put("PARLEY_INTERNAL_PORT", "0");
        env.put("PARLEY_EVENTS_LONG_POLL", "2s");
        env.putAll(settings);
        return new ProductionProcess(builder.start(), output, port);
    }

    /** Secrets production requires: a fresh signing key, a verification secret and the service token. */
    static Map<String, String> secrets() throws NoSuchAlgorithmException {
        return Map.of("PARLEY_JWT_PRIVATE_KEY", privateKeyPem(), "PARLEY_VERIFICATION_SECRET", "s".repeat(32),
                "PARLEY_INTERNAL_TOKEN", "parley-test-internal-token");
    }

    /** Waits for it to exit; fails if it keeps running. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new AssertionError("account-service kept running:\n" + output());
        }
        return process.exitValue();
    }

    /** Waits until it reports ready; fails if it exits or takes too long. */
    void awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("account-service exited:\n" + output());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("account-service not ready in " + timeout + ":\n" + output());
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(output);
    }

    static Map<String, String> database() {
        String database = "postgresql://" + env("PG_TEST_HOST", "127.0.0.1") + ":" + env("PG_TEST_PORT", "5432")
                + "/parley_test_production";
        Map<String, String> settings = new HashMap<>();
        settings.put("QUARKUS_DATASOURCE_REACTIVE_URL", database);
        settings.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:" + database);
        settings.put("QUARKUS_DATASOURCE_USERNAME", env("PG_TEST_USER", "parley_test"));
        settings.put("QUARKUS_DATASOURCE_PASSWORD", env("PG_TEST_PASSWORD", "parley_test"));
        return settings;
    }

    private static String privateKeyPem() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
