package dev.parley.common.client;

import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

import jakarta.enterprise.util.TypeLiteral;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import dev.parley.common.error.ApiException;

/**
 * Every call from a service to a neighbour goes through one of these: a timeout per attempt, retries only for
 * connection errors, timeouts and 5xx answers, and a circuit breaker named after the neighbour whose state is
 * exported as {@code ft_circuitbreaker_state_current{method="<name>"}}. A call that still fails answers 503
 * {@code <Neighbour> unavailable}; answers the call itself turns into a result (a 404 into "no such user", say) or
 * into an {@link ApiException} pass through untouched.
 */
public final class NeighbourGuard {

    private static final Logger LOG = Logger.getLogger(NeighbourGuard.class);

    private final String name;
    private final String unavailable;
    private final Guard retried;
    private final Guard breaker;

    private NeighbourGuard(String name, String unavailable, Guard retried, Guard breaker) {
        this.name = name;
        this.unavailable = unavailable;
        this.retried = retried;
        this.breaker = breaker;
    }

    /**
     * @param name the neighbour, e.g. {@code account-service}: names the breaker and its metrics
     * @param unavailable the message clients get when it cannot answer, e.g. {@code Account service unavailable}
     */
    public static NeighbourGuard of(String name, String unavailable, NeighbourSettings settings) {
        long delay = settings.retryDelay().toMillis();
        Guard retried = Guard.create()
                .withTimeout().duration(settings.timeout().toMillis(), ChronoUnit.MILLIS).done()
                .withRetry().maxRetries(settings.maxRetries())
                .delay(delay, ChronoUnit.MILLIS).jitter(delay / 2, ChronoUnit.MILLIS)
                .whenException(NeighbourGuard::isTransient).done()
                .build();
        // Around the retried call, so a request counts once however often it was retried: inside, the attempts of a
        // short outage would still fill the breaker's window after recovery and trip it.
        Guard breaker = Guard.create().withDescription(name)
                .withCircuitBreaker().name(name)
                .requestVolumeThreshold(settings.breakerVolume())
                .failureRatio(settings.breakerFailureRatio())
                .delay(settings.breakerDelay().toMillis(), ChronoUnit.MILLIS)
                .when(NeighbourGuard::isTransient)
                .onStateChange(state -> LOG.infof("%s circuit breaker is now %s", name, state)).done()
                .build();
        return new NeighbourGuard(name, unavailable, retried, breaker);
    }

    /** The breaker's name, for maintenance ({@code CircuitBreakerMaintenance}). */
    public String name() {
        return name;
    }

    /**
     * Runs the call under the guard. The answer continues on the caller's Vert.x context (a retried or timed-out
     * call may finish on another thread), where its database session lives.
     */
    public <T> Uni<T> call(Supplier<Uni<T>> call, TypeLiteral<Uni<T>> type) {
        Context context = Vertx.currentContext();
        Uni<T> guarded;
        try {
            guarded = breaker.call(() -> retried.call(call::get, type), type);
        } catch (Exception e) {
            guarded = Uni.createFrom().failure(e);
        }
        Uni<T> answer = guarded.onFailure(e -> !(e instanceof ApiException)).transform(e -> {
            LOG.warnf("%s call failed: %s", name, e.toString());
            return ApiException.serviceUnavailable(unavailable);
        });
        return context == null ? answer : answer.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    /** Worth another try, and a sign of ill health: no answer at all, or a server error. */
    static boolean isTransient(Throwable e) {
        if (e instanceof CircuitBreakerOpenException) {
            return false;
        }
        int status = status(e);
        return status == 0 || status >= 500;
    }

    /** The HTTP status of a neighbour's answer, or 0 when there was none. */
    public static int status(Throwable e) {
        return e instanceof WebApplicationException web ? web.getResponse().getStatus() : 0;
    }
}
