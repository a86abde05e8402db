package dev.parley.common.lifecycle;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long shutdown waits for requests in flight ({@code PARLEY_SHUTDOWN_TIMEOUT}). */
@ConfigMapping(prefix = "parley.shutdown")
public interface ShutdownSettings {

    @WithDefault("20s")
    Duration timeout();
}
