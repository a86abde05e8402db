package dev.parley.common.events;

import java.time.Duration;
import java.time.Instant;

import io.smallrye.mutiny.Uni;

/** Where a follower reads a feed: its producer's internal port, or, for a service's own feed, its own outbox. */
public interface FeedSource {

    /**
     * The events after {@code after} (only those since {@code since}, when given), waiting up to {@code wait} for
     * one to commit when there is none yet.
     */
    Uni<FeedPage> read(FeedCursor after, Instant since, Duration wait);
}
