package dev.parley.common.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a service learns of revoked sessions ({@code PARLEY_REVOCATIONS_*}). */
@ConfigMapping(prefix = "parley.revocations")
public interface RevocationSettings {

    /** The feed that announces them: account-service's. */
    @WithDefault("account")
    String feed();

    /**
     * How far back a starting replica reads revocations: longer than an access token lives, so every revoked
     * session whose tokens could still be valid is known before the replica is ready.
     */
    @WithDefault("1h")
    Duration lookBack();
}
