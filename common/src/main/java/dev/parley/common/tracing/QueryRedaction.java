package dev.parley.common.tracing;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Keeps credentials out of traces: a browser's WebSocket carries its access token as {@code ?access_token=}, and HTTP
 * spans record the query string. The value is replaced before any exporter sees the span.
 */
@ApplicationScoped
public class QueryRedaction implements SpanProcessor {

    static final String REDACTED = "REDACTED";
    private static final Pattern SECRET_PARAMETER = Pattern.compile("((?:^|[?&])access_token=)[^&#]*");
    private static final List<AttributeKey<String>> URL_ATTRIBUTES = List.of(AttributeKey.stringKey("url.query"),
            AttributeKey.stringKey("url.full"), AttributeKey.stringKey("http.target"),
            AttributeKey.stringKey("http.url"));

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        for (AttributeKey<String> key : URL_ATTRIBUTES) {
            String value = span.getAttribute(key);
            if (value != null && value.contains("access_token=")) {
                span.setAttribute(key, redact(value));
            }
        }
    }

    static String redact(String value) {
        return SECRET_PARAMETER.matcher(value).replaceAll("$1" + REDACTED);
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        // Nothing to do once the span ended: its attributes were redacted when it started.
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }
}
