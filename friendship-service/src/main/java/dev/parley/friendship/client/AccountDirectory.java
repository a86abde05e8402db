package dev.parley.friendship.client;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

import dev.parley.common.client.CallerCredentials;
import dev.parley.common.client.NeighbourGuard;
import dev.parley.friendship.config.FriendshipConfig;

/**
 * Asks account-service whether users exist, on behalf of the calling user (their token is forwarded), under the
 * {@link NeighbourGuard} named {@value #BREAKER}; when account-service cannot answer, the caller gets 503
 * {@code Account service unavailable}.
 */
@ApplicationScoped
public class AccountDirectory {

    /** Name of the circuit breaker, for maintenance and metrics. */
    public static final String BREAKER = "account-service";
    private static final TypeLiteral<Uni<Optional<AccountUser>>> ANSWER = new TypeLiteral<>() {
    };

    private final AccountClient client;
    private final CallerCredentials caller;
    private final NeighbourGuard guard;

    public AccountDirectory(@RestClient AccountClient client, CallerCredentials caller, FriendshipConfig config) {
        this.client = client;
        this.caller = caller;
        this.guard = NeighbourGuard.of(BREAKER, "Account service unavailable", config.accountService());
    }

    /** The user, or empty when account-service says there is no such user. */
    public Uni<Optional<AccountUser>> find(long userId) {
        String authorization = caller.authorization();
        return guard.call(() -> client.find(userId, authorization).map(Optional::of)
                .onFailure(e -> NeighbourGuard.status(e) == 404).recoverWithItem(Optional.empty()), ANSWER);
    }
}
