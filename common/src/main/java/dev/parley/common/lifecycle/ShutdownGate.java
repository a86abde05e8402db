package dev.parley.common.lifecycle;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.ext.web.Router;

import dev.parley.common.error.ErrorEnvelope;

/**
 * Once shutdown has begun, refuses new requests with 503 (and {@code Connection: close}) before they do any work, so
 * the requests still in flight are the last ones: each of them completes, and none is cut off half-way with its
 * change stored but its answer lost. Needs {@code quarkus.shutdown.delay-enabled=true}.
 */
@ApplicationScoped
public class ShutdownGate {

    private static final String REFUSAL = "{\"error\":{\"message\":\"Service unavailable\",\"status\":503,\"type\":\""
            + ErrorEnvelope.reasonPhrase(503) + "\"}}";

    private final AtomicBoolean closing = new AtomicBoolean();

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            if (closing.get() && !context.request().path().startsWith("/q/")) {
                context.response().setStatusCode(503).putHeader("Content-Type", "application/json")
                        .putHeader("Connection", "close").putHeader("Retry-After", "1").end(REFUSAL);
            } else {
                context.next();
            }
        });
    }

    void close(@Observes ShutdownDelayInitiatedEvent shutdown) {
        closing.set(true);
    }
}
