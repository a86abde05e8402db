package dev.parley.common.tracing;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupIfProperty;

/**
 * Traces are always made (their ids travel between the services and appear in every log line) but leave the process
 * only when an OTLP endpoint is configured ({@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT}). Without one, Quarkus would
 * send them to localhost:4317 and log a failure every few seconds; this exporter, chosen only while the endpoint is
 * still Quarkus's default, takes its place and drops them.
 */
@ApplicationScoped
public class TraceExport {

    static final String DEFAULT_ENDPOINT = "http://localhost:4317/";

    @Produces
    @Singleton
    @LookupIfProperty(name = "quarkus.otel.exporter.otlp.endpoint", stringValue = DEFAULT_ENDPOINT)
    @LookupIfProperty(name = "quarkus.otel.exporter.otlp.traces.endpoint", stringValue = DEFAULT_ENDPOINT)
    SpanExporter unconfigured() {
        return new Discarding();
    }

    /** Accepts every span and sends none anywhere. */
    public static final class Discarding implements SpanExporter {

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
