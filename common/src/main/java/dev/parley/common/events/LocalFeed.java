package dev.parley.common.events;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** This service's own feed, read from its outbox: what the internal route serves, and what the service follows itself. */
@ApplicationScoped
public class LocalFeed implements FeedSource {

    private final FeedStore store;
    private final FeedWaits waits;
    private final EventSettings settings;

    public LocalFeed(FeedStore store, FeedWaits waits, EventSettings settings) {
        this.store = store;
        this.waits = waits;
        this.settings = settings;
    }

    @Override
    public Uni<FeedPage> read(FeedCursor after, Instant since, Duration wait) {
        return read(after, since, wait, settings.batch());
    }

    public Uni<FeedPage> read(FeedCursor after, Instant since, Duration wait, int limit) {
        return store.read(after, limit, since).chain(page -> page.events().isEmpty() && !wait.isZero()
                ? waits.until(after, wait).chain(() -> store.read(after, limit, since))
                : Uni.createFrom().item(page));
    }
}
