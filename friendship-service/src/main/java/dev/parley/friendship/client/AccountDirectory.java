package dev.parley.friendship.client;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import dev.parley.common.error.ApiException;
import dev.parley.friendship.config.FriendshipConfig;

/**
 * Asks account-service whether users exist, on behalf of the calling user (their bearer token is forwarded). Every
 * call runs under a timeout, retries connection errors, timeouts and 5xx, and goes through a circuit breaker; when
 * account-service cannot answer, the caller gets 503 {@code Account service unavailable}.
 */
@ApplicationScoped
public class AccountDirectory {

    /** Name of the circuit breaker, for maintenance (reset, state). */
    public static final String BREAKER = "account-service";
    static final String UNAVAILABLE = "Account service unavailable";
    private static final Logger LOG = Logger.getLogger(AccountDirectory.class);

    private final AccountClient client;
    private final JsonWebToken token;
    private final TypedGuard<Uni<Optional<AccountUser>>> retried;
    private final TypedGuard<Uni<Optional<AccountUser>>> breaker;

    public AccountDirectory(@RestClient AccountClient client, JsonWebToken token, FriendshipConfig config) {
        this.client = client;
        this.token = token;
        FriendshipConfig.AccountService settings = config.accountService();
        this.retried = TypedGuard.create(new TypeLiteral<Uni<Optional<AccountUser>>>() {
        })
                .withTimeout().duration(millis(settings.timeout()), ChronoUnit.MILLIS)
                .done()
                .withRetry().maxRetries(settings.maxRetries())
                .delay(millis(settings.retryDelay()), ChronoUnit.MILLIS)
                .jitter(millis(settings.retryDelay()) / 2, ChronoUnit.MILLIS)
                .whenException(AccountDirectory::isTransient).done()
                .build();
        // The breaker sits around the retried call, so a request counts once however often it was retried; inside
        // it, the failures of a short outage would still fill its window after recovery and trip it.
        this.breaker = TypedGuard.create(new TypeLiteral<Uni<Optional<AccountUser>>>() {
        })
                .withCircuitBreaker().name(BREAKER)
                .requestVolumeThreshold(settings.breakerVolume())
                .failureRatio(settings.breakerFailureRatio())
                .delay(millis(settings.breakerDelay()), ChronoUnit.MILLIS)
                .when(AccountDirectory::isTransient)
                .onStateChange(state -> LOG.infof("account-service circuit breaker is now %s", state)).done()
                .build();
    }

    /** The user, or empty when account-service says there is no such user. */
    public Uni<Optional<AccountUser>> find(long userId) {
        String authorization = "Bearer " + token.getRawToken();
        // A timed-out or retried call may complete on another thread; the transaction that follows must run on the
        // request's Vert.x context.
        Context context = Vertx.currentContext();
        Uni<Optional<AccountUser>> answer = breaker.get(() -> retried.get(() -> lookup(userId, authorization)))
                .onFailure().transform(AccountDirectory::unavailable);
        return context == null ? answer : answer.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    private Uni<Optional<AccountUser>> lookup(long userId, String authorization) {
        return client.find(userId, authorization).map(Optional::of)
                .onFailure(e -> status(e) == 404).recoverWithItem(Optional.empty());
    }

    /** Worth another try, and a sign of ill health: no answer at all, or a server error. */
    private static boolean isTransient(Throwable e) {
        if (e instanceof CircuitBreakerOpenException) {
            return false;
        }
        int status = status(e);
        return status == 0 || status >= 500;
    }

    private static int status(Throwable e) {
        return e instanceof WebApplicationException web ? web.getResponse().getStatus() : 0;
    }

    private static Throwable unavailable(Throwable e) {
        LOG.warnf("account-service call failed: %s", e.toString());
        return ApiException.serviceUnavailable(UNAVAILABLE);
    }

    private static long millis(Duration duration) {
        return duration.toMillis();
    }
}
