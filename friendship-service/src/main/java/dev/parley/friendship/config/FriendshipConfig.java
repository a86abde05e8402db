package dev.parley.friendship.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import dev.parley.common.client.NeighbourSettings;
import dev.parley.common.limits.Rate;

/** Typed settings of friendship-service, all under {@code parley.*} (env {@code PARLEY_*}). */
@ConfigMapping(prefix = "parley")
public interface FriendshipConfig {

    AccountService accountService();

    Requests requests();

    /** How account-service is reached: its REST API and the key set that verifies access tokens. */
    interface AccountService extends NeighbourSettings {

        @Override
        @WithDefault("http://localhost:8081")
        String url();
    }

    /** Abuse limits on friend requests. */
    interface Requests {

        /** Pending outgoing requests a user may have at once. */
        @WithDefault("20")
        int maxPendingOutgoing();

        /** How long after a decline the same request may not be sent again. */
        @WithDefault("24h")
        Duration declineCooldown();

        /** Friend requests a user may send, counted across replicas ({@code PARLEY_REQUESTS_PER_USER}). */
        @WithDefault("100/1d")
        Rate perUser();
    }
}
