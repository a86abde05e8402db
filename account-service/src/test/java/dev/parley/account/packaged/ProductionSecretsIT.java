package dev.parley.account.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The packaged artifact in the production profile refuses to start without its secrets, naming what is missing, so a
 * misconfigured pod never reports ready and never takes traffic.
 */
class ProductionSecretsIT {

    private static final Path ARTIFACT = Path.of("target/quarkus-app/quarkus-run.jar");

    @Test
    void withoutASigningKeyItExitsNamingTheKey() throws Exception {
        Started started = start(Map.of("PARLEY_VERIFICATION_SECRET", "x".repeat(32)));

        assertThat(started.exitCode()).isNotZero();
        assertThat(started.output()).contains("PARLEY_JWT_PRIVATE_KEY");
    }

    @Test
    void withoutAVerificationSecretItExitsNamingTheSecret() throws Exception {
        Started started = start(Map.of("PARLEY_JWT_PRIVATE_KEY", privateKeyPem()));

        assertThat(started.exitCode()).isNotZero();
        assertThat(started.output()).contains("PARLEY_VERIFICATION_SECRET");
    }

    private record Started(int exitCode, String output) {
    }

    private static Started start(Map<String, String> secrets) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", ARTIFACT.toString()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("PARLEY_") || name.startsWith("QUARKUS_"));
        env.putAll(database());
        env.put("QUARKUS_HTTP_PORT", "0");
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        env.putAll(secrets);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("account-service kept running without its secrets");
        }
        return new Started(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8));
    }

    private static Map<String, String> database() {
        String database = "postgresql://" + env("PG_TEST_HOST", "127.0.0.1") + ":" + env("PG_TEST_PORT", "5432")
                + "/parley_test";
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

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
