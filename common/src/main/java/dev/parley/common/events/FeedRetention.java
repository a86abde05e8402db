package dev.parley.common.events;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/** Deletes outbox events past {@link EventSettings#retention()} every hour, keeping the newest state of each key. */
@ApplicationScoped
public class FeedRetention {

    private static final Logger LOG = Logger.getLogger(FeedRetention.class);
    private static final Duration EVERY = Duration.ofHours(1);

    private final FeedStore store;
    private final EventSettings settings;

    public FeedRetention(FeedStore store, EventSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        if (settings.feed().isPresent()) {
            vertx.setPeriodic(EVERY.toMillis(), id -> purge());
        }
    }

    void purge() {
        store.purge(settings.retention()).subscribe().with(
                deleted -> LOG.debugf("Deleted %d outbox events past retention", deleted),
                failure -> LOG.warnf("Outbox retention: %s", failure.getMessage()));
    }
}
