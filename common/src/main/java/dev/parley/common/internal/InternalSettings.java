package dev.parley.common.internal;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The internal port every service serves to the others ({@code PARLEY_INTERNAL_*}): never routed by the proxy or the
 * Ingress, open only to the services that consume it, and only with the shared service token.
 */
@ConfigMapping(prefix = "parley.internal")
public interface InternalSettings {

    /** Port of the internal server; 0 takes a free one (tests). Absent: no internal server. */
    Optional<Integer> port();

    /** Address the internal server listens on. */
    @WithDefault("0.0.0.0")
    String host();

    /** The service credential every internal request carries as {@code Authorization: Bearer <token>}. */
    String token();

    /** How long one internal call may take, beyond the time a feed request is asked to wait. */
    @WithDefault("5s")
    Duration timeout();
}
