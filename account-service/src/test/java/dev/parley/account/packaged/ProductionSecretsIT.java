package dev.parley.account.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The packaged artifact in the production profile refuses to start without its secrets, naming what is missing, so a
 * misconfigured pod never reports ready and never takes traffic.
 */
class ProductionSecretsIT {

    @Test
    void withoutASigningKeyItExitsNamingTheKey() throws Exception {
        try (ProductionProcess service = ProductionProcess.start(Map.of("PARLEY_VERIFICATION_SECRET",
                "x".repeat(32), "PARLEY_INTERNAL_TOKEN", "parley-test-internal-token"))) {
            assertThat(service.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(service.output()).contains("PARLEY_JWT_PRIVATE_KEY");
        }
    }

    @Test
    void withoutAVerificationSecretItExitsNamingTheSecret() throws Exception {
        Map<String, String> secrets = ProductionProcess.secrets();
        try (ProductionProcess service = ProductionProcess.start(Map.of("PARLEY_JWT_PRIVATE_KEY",
                secrets.get("PARLEY_JWT_PRIVATE_KEY"), "PARLEY_INTERNAL_TOKEN",
                secrets.get("PARLEY_INTERNAL_TOKEN")))) {
            assertThat(service.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(service.output()).contains("PARLEY_VERIFICATION_SECRET");
        }
    }

    @Test
    void withoutAServiceTokenItExitsNamingTheToken() throws Exception {
        Map<String, String> secrets = new HashMap<>(ProductionProcess.secrets());
        secrets.remove("PARLEY_INTERNAL_TOKEN");
        try (ProductionProcess service = ProductionProcess.start(secrets)) {
            assertThat(service.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(service.output()).contains("parley.internal.token");
        }
    }
}
