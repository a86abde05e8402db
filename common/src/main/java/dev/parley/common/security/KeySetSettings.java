package dev.parley.common.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How a service keeps account-service's published keys ({@code PARLEY_JWKS_*}); the key set's address is
 * {@code mp.jwt.verify.publickey.location}.
 */
@ConfigMapping(prefix = "parley.jwks")
public interface KeySetSettings {

    /** How often the key set is fetched again in the background. */
    @WithDefault("5m")
    Duration refreshInterval();

    /** A token signed by a key not in the set fetches it again, at most this often. */
    @WithDefault("30s")
    Duration unknownKeyRefetch();

    /** How long one fetch may take. */
    @WithDefault("2s")
    Duration timeout();
}
