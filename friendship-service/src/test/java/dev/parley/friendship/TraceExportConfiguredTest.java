package dev.parley.friendship;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With an OTLP endpoint configured, nothing stands in for Quarkus's own exporter: spans are sent there. */
@QuarkusTest
@TestProfile(TraceExportConfiguredTest.WithEndpoint.class)
class TraceExportConfiguredTest {

    @Inject
    Instance<SpanExporter> exporters;

    @Test
    void anEndpointLeavesExportToQuarkusItsOwnExporter() {
        assertThat(exporters.isResolvable()).isFalse();
    }

    public static class WithEndpoint implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.exporter.otlp.endpoint", "http://127.0.0.1:4318");
        }
    }
}
