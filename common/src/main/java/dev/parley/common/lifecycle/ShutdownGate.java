package dev.parley.common.lifecycle;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.parley.common.error.ErrorEnvelope;

/**
 * Graceful shutdown. Once it begins, new requests are refused with 503 (and {@code Connection: close}) before they do
 * any work, and shutdown waits until the requests already in flight have answered, for at most
 * {@code parley.shutdown.timeout}: none is cut off half-way with its change stored but its answer lost.
 * <p>
 * Quarkus's own graceful shutdown ({@code quarkus.shutdown.timeout}) counts an upgraded WebSocket as a request that
 * never ends, so it would always wait out its whole timeout once a socket had been opened; this count leaves upgrades
 * out. Needs {@code quarkus.shutdown.delay-enabled=true}, and no {@code quarkus.shutdown.timeout}.
 */
@ApplicationScoped
public class ShutdownGate {

    private static final Logger LOG = Logger.getLogger(ShutdownGate.class);
    private static final String REFUSAL = "{\"error\":{\"message\":\"Service unavailable\",\"status\":503,\"type\":\""
            + ErrorEnvelope.reasonPhrase(503) + "\"}}";

    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object drained = new Object();
    private final Duration timeout;

    public ShutdownGate(ShutdownSettings settings) {
        this.timeout = settings.timeout();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::admit);
    }

    void admit(RoutingContext context) {
        if (isUpgrade(context)) {
            refuseOrPass(context);
            return;
        }
        // Counted before the check, so the drain cannot miss a request admitted just as it starts.
        inFlight.incrementAndGet();
        context.addEndHandler(ended -> finished());
        refuseOrPass(context);
    }

    private void refuseOrPass(RoutingContext context) {
        if (closing.get() && !context.request().path().startsWith("/q/")) {
            context.response().setStatusCode(503).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CONNECTION, "close").putHeader("Retry-After", "1").end(REFUSAL);
        } else {
            context.next();
        }
    }

    private void finished() {
        if (inFlight.decrementAndGet() == 0 && closing.get()) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
    }

    void close(@Observes ShutdownDelayInitiatedEvent shutdown) throws InterruptedException {
        closing.set(true);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (drained) {
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warnf("%d requests still in flight after %s; shutting down anyway", inFlight.get(), timeout);
                    return;
                }
                drained.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    private static boolean isUpgrade(RoutingContext context) {
        return "websocket".equalsIgnoreCase(context.request().getHeader(HttpHeaders.UPGRADE));
    }
}
