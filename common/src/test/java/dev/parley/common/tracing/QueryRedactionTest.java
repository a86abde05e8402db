package dev.parley.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

class QueryRedactionTest {

    private static final AttributeKey<String> QUERY = AttributeKey.stringKey("url.query");
    private static final AttributeKey<String> FULL = AttributeKey.stringKey("url.full");

    @Test
    void anAccessTokenInTheQueryStringNeverReachesTheExporter() {
        List<SpanData> exported = new ArrayList<>();
        try (SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(new QueryRedaction())
                .addSpanProcessor(SimpleSpanProcessor.create(collectingInto(exported))).build()) {
            Span span = provider.get("test").spanBuilder("GET /v1/stream")
                    .setAttribute(QUERY, "access_token=eyJhbGciOi.secret.sig&x=1")
                    .setAttribute(FULL, "http://host/v1/stream?x=1&access_token=eyJhbGciOi.secret.sig")
                    .startSpan();
            span.end();
        }

        assertThat(exported).singleElement().satisfies(span -> {
            assertThat(span.getAttributes().get(QUERY)).isEqualTo("access_token=REDACTED&x=1");
            assertThat(span.getAttributes().get(FULL)).isEqualTo("http://host/v1/stream?x=1&access_token=REDACTED");
        });
    }

    @Test
    void otherQueriesAreKeptAsTheyAre() {
        assertThat(QueryRedaction.redact("cursor=abc&limit=5")).isEqualTo("cursor=abc&limit=5");
        assertThat(QueryRedaction.redact("my_access_token=1")).isEqualTo("my_access_token=1");
    }

    private static SpanExporter collectingInto(List<SpanData> spans) {
        return new SpanExporter() {

            @Override
            public CompletableResultCode export(Collection<SpanData> batch) {
                spans.addAll(batch);
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
        };
    }
}
