package dev.parley.common.client;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/**
 * How a service calls one of its neighbours, and how long it tolerates their silence. A service's own
 * {@code @ConfigMapping} extends it once per neighbour, e.g. {@code parley.account-service.*} (env
 * {@code PARLEY_ACCOUNT_SERVICE_TIMEOUT}, {@code _MAX_RETRIES}, ...).
 */
public interface NeighbourSettings {

    /** Base URL of the neighbour. */
    String url();

    /** Longest wait for one answer. */
    @WithDefault("2s")
    Duration timeout();

    /** Further attempts after a connection error, timeout or 5xx. */
    @WithDefault("2")
    int maxRetries();

    /** Pause before another attempt (with up to half of it again as jitter). */
    @WithDefault("200ms")
    Duration retryDelay();

    /** Requests the circuit breaker looks at before it may open. */
    @WithDefault("10")
    int breakerVolume();

    /** Share of failed requests among them that opens it. */
    @WithDefault("0.5")
    double breakerFailureRatio();

    /** How long it stays open before letting a trial request through. */
    @WithDefault("10s")
    Duration breakerDelay();
}
