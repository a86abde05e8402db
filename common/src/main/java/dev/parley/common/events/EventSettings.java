package dev.parley.common.events;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a service publishes its events and follows other services' feeds ({@code PARLEY_EVENTS_*}). */
@ConfigMapping(prefix = "parley.events")
public interface EventSettings {

    /** Name of the feed this service publishes (its outbox), if any. */
    Optional<String> feed();

    /** The feeds this service follows, by name, each at its producer's internal address. */
    Map<String, Source> sources();

    /** How long a feed request waits for new events before answering with none. */
    @WithDefault("20s")
    Duration longPoll();

    /** How often a waiting feed looks for newly committed events. */
    @WithDefault("100ms")
    Duration pollInterval();

    /** Events one feed answer carries at most. */
    @WithDefault("500")
    int batch();

    /**
     * How long events stay in the outbox. A state event (the newest of its key) stays for good, so a new consumer
     * still learns the current state; older ones and one-off happenings are deleted after this.
     */
    @WithDefault("7d")
    Duration retention();

    /** A followed feed's producer. */
    interface Source {

        /** Base URL of the producer's internal port, e.g. {@code http://account-service:9081}. */
        String url();
    }
}
