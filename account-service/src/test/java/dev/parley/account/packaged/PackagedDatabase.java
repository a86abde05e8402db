package dev.parley.account.packaged;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The test database for the packaged artifact, which runs in the production profile: taken from the
 * {@code PG_TEST_*} variables scripts/test.sh exports, with production's own need for keys relaxed to generated
 * ones and a service token given.
 */
public class PackagedDatabase implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String database = "postgresql://" + env("PG_TEST_HOST", "127.0.0.1") + ":" + env("PG_TEST_PORT", "5432")
                + "/parley_test";
        return Map.of(
                "quarkus.datasource.reactive.url", database,
                "quarkus.datasource.jdbc.url", "jdbc:" + database,
                "quarkus.datasource.username", env("PG_TEST_USER", "parley_test"),
                "quarkus.datasource.password", env("PG_TEST_PASSWORD", "parley_test"),
                "quarkus.flyway.migrate-at-start", "true",
                "parley.keys.generate-when-missing", "true",
                // The service token production requires, and a free internal port rather than 9081.
                "parley.internal.token", "parley-test-internal-token",
                "parley.internal.port", "0",
                // An empty feed answers after one long poll; until then the service is not ready.
                "parley.events.long-poll", "2s");
    }

    @Override
    public void stop() {
        // nothing to release
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
