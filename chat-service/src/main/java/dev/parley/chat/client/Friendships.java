package dev.parley.chat.client;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import dev.parley.chat.config.ChatConfig;
import dev.parley.common.error.ApiException;

/**
 * Asks friendship-service whether the caller and another user are friends, with the caller's own token. Owns the
 * call's timeout, retries and circuit breaker; a 404 means "not friends", and an unreachable service answers 503.
 */
@ApplicationScoped
public class Friendships {

    static final String UNAVAILABLE = "Friendship service unavailable";
    private static final Logger LOG = Logger.getLogger(Friendships.class);

    private final FriendshipApi api;
    private final TypedGuard<Uni<Boolean>> retried;
    private final TypedGuard<Uni<Boolean>> breaker;

    public Friendships(@RestClient FriendshipApi api, ChatConfig config) {
        this.api = api;
        this.retried = TypedGuard.create(new TypeLiteral<Uni<Boolean>>() {
        })
                .withTimeout().duration(config.friendshipService().timeout().toMillis(), ChronoUnit.MILLIS).done()
                .withRetry().maxRetries(config.friendshipService().retries()).delay(100, ChronoUnit.MILLIS)
                .abortOn(ApiException.class).done()
                .build();
        // Around the retried call: one outcome per request, so a short outage's retries cannot trip it afterwards.
        this.breaker = TypedGuard.create(new TypeLiteral<Uni<Boolean>>() {
        })
                .withCircuitBreaker().requestVolumeThreshold(10).failureRatio(0.5).delay(5, ChronoUnit.SECONDS)
                .done()
                .build();
    }

    /** Whether the caller (whose bearer header is given) and {@code userId} are friends right now. */
    public Uni<Boolean> areFriends(long userId, String authorization) {
        Context context = Vertx.currentContext();
        Uni<Boolean> call;
        try {
            call = breaker.call(() -> retried.call(() -> api.status(userId, authorization)
                    .map(FriendshipStatus::friends)
                    .onFailure(Friendships::isNotFound).recoverWithItem(false)));
        } catch (Exception e) {
            call = Uni.createFrom().failure(e);
        }
        Uni<Boolean> answered = call.onFailure().transform(e -> {
            LOG.warnf("friendship-service call failed: %s", e.toString());
            return ApiException.serviceUnavailable(UNAVAILABLE);
        });
        // Timeouts and retries may finish on another thread; continue on the caller's context, where its
        // database session lives.
        return context == null ? answered : answered.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    private static boolean isNotFound(Throwable e) {
        return e instanceof WebApplicationException web && web.getResponse().getStatus() == 404;
    }
}
