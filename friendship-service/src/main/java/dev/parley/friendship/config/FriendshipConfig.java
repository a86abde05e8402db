package dev.parley.friendship.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed settings of friendship-service, all under {@code parley.*} (env {@code PARLEY_*}). */
@ConfigMapping(prefix = "parley")
public interface FriendshipConfig {

    AccountService accountService();

    Requests requests();

    /** How account-service is reached and how long its silence is tolerated. */
    interface AccountService {

        /** Base URL of account-service: its REST API and the key set that verifies access tokens. */
        @WithDefault("http://localhost:8081")
        String url();

        /** Longest wait for one answer. */
        @WithDefault("2s")
        Duration timeout();

        /** Further attempts after a connection error, timeout or 5xx. */
        @WithDefault("2")
        int maxRetries();

        @WithDefault("200ms")
        Duration retryDelay();

        /** Calls the circuit breaker looks at before it may open. */
        @WithDefault("10")
        int breakerVolume();

        /** Share of failed calls among them that opens it. */
        @WithDefault("0.5")
        double breakerFailureRatio();

        /** How long it stays open before letting a trial call through. */
        @WithDefault("10s")
        Duration breakerDelay();
    }

    /** Abuse limits on friend requests. */
    interface Requests {

        /** Pending outgoing requests a user may have at once. */
        @WithDefault("20")
        int maxPendingOutgoing();

        /** How long after a decline the same request may not be sent again. */
        @WithDefault("24h")
        Duration declineCooldown();
    }
}
