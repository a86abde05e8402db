package dev.parley.friendship;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.test.junit.QuarkusTest;

import dev.parley.common.tracing.TraceExport;

/** With no OTLP endpoint configured, spans are still made but go nowhere: no exporter dials localhost:4317. */
@QuarkusTest
class TraceExportTest {

    @Inject
    Instance<SpanExporter> exporters;

    @Test
    void withoutAnEndpointSpansAreDiscardedInsteadOfSentToTheDefaultAddress() {
        assertThat(exporters.isResolvable()).isTrue();
        assertThat(exporters.get()).isInstanceOf(TraceExport.Discarding.class);
    }
}
