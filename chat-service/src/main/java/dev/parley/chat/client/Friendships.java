package dev.parley.chat.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

import dev.parley.chat.config.ChatConfig;
import dev.parley.common.client.CallerCredentials;
import dev.parley.common.client.NeighbourGuard;

/**
 * Asks friendship-service where the caller stands with another user, with the caller's own token, under the
 * {@link NeighbourGuard} named {@value #BREAKER}. A 404 means no relationship; an unreachable service answers 503
 * {@code Friendship service unavailable}. Only asked while chat-service's own copy of the relationships may be behind.
 */
@ApplicationScoped
public class Friendships {

    /** Name of the circuit breaker, for maintenance and metrics. */
    public static final String BREAKER = "friendship-service";
    private static final TypeLiteral<Uni<FriendshipStatus>> ANSWER = new TypeLiteral<>() {
    };

    private final FriendshipApi api;
    private final CallerCredentials caller;
    private final NeighbourGuard guard;

    public Friendships(@RestClient FriendshipApi api, CallerCredentials caller, ChatConfig config) {
        this.api = api;
        this.caller = caller;
        this.guard = NeighbourGuard.of(BREAKER, "Friendship service unavailable", config.friendshipService());
    }

    /** Where the caller stands with {@code userId} right now. */
    public Uni<FriendshipStatus> status(long userId) {
        String authorization = caller.authorization();
        return guard.call(() -> api.status(userId, authorization)
                .onFailure(e -> NeighbourGuard.status(e) == 404)
                .recoverWithItem(() -> new FriendshipStatus(userId, FriendshipStatus.NONE)), ANSWER);
    }
}
