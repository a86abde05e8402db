package dev.parley.common.events;

import java.time.Duration;
import java.time.Instant;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Follows one feed for as long as the service runs: reads the next page (waiting at the producer when there is
 * none), hands it to its {@link Applier}, and reads on from where that leaves it. A failed read or apply is retried
 * after a pause that grows to five seconds, from the last applied place, so nothing is skipped.
 */
public final class FeedFollower {

    private static final Logger LOG = Logger.getLogger(FeedFollower.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    private static final Duration LAST_RETRY = Duration.ofSeconds(5);
    private static final Duration PAUSE_AFTER_EMPTY = Duration.ofMillis(100);

    /** What a follower does with what it reads. */
    public interface Applier {

        /** Where to start reading. */
        Uni<FeedCursor> start();

        /** Applies a page (its events are in feed order) and answers where to read on. */
        Uni<Applied> apply(FeedPage page);
    }

    /** Where to read on after a page, and how many of its events this follower applied itself. */
    public record Applied(FeedCursor next, int count) {
    }

    private final String name;
    private final FeedSource source;
    private final Applier applier;
    private final Instant since;
    private final Duration wait;
    private final FollowerLag lag;
    private final Vertx vertx;
    private volatile FeedCursor cursor;
    private volatile boolean stopped;
    private Duration retry = FIRST_RETRY;

    FeedFollower(String name, FeedSource source, Applier applier, Instant since, Duration wait, FollowerLag lag,
            Vertx vertx) {
        this.name = name;
        this.source = source;
        this.applier = applier;
        this.since = since;
        this.wait = wait;
        this.lag = lag;
        this.vertx = vertx;
    }

    void start() {
        next();
    }

    void stop() {
        stopped = true;
    }

    /** Whether the last read succeeded and everything it brought is applied. */
    public boolean current() {
        return lag.current();
    }

    private void next() {
        if (stopped) {
            return;
        }
        // The first read answers at once, so a follower of a quiet feed knows it is current from the start.
        Duration patience = cursor == null ? Duration.ZERO : wait;
        Uni<FeedCursor> from = cursor == null ? applier.start() : Uni.createFrom().item(cursor);
        from.chain(place -> source.read(place, since, patience).chain(page -> {
            Uni<Applied> applied = page.events().isEmpty()
                    ? Uni.createFrom().item(new Applied(page.next(), 0))
                    : applier.apply(page);
            return applied.invoke(done -> lag.read(page, done.count())).map(done -> new Read(done.next(),
                    page.events().isEmpty()));
        })).subscribe().with(this::advanced, this::failed);
    }

    private record Read(FeedCursor next, boolean empty) {
    }

    // After an empty answer the next read starts a moment later: a producer answers empty only after waiting, so
    // nothing is late for it, and a feed that answers at once (a stand-in, a producer shutting down) is not hammered.
    private void advanced(Read read) {
        cursor = read.next();
        retry = FIRST_RETRY;
        if (read.empty()) {
            vertx.setTimer(PAUSE_AFTER_EMPTY.toMillis(), id -> next());
        } else {
            next();
        }
    }

    private void failed(Throwable failure) {
        lag.failed();
        if (stopped) {
            return;
        }
        LOG.warnf("Feed %s: %s; retrying in %d ms", name, failure.getMessage(), retry.toMillis());
        vertx.setTimer(retry.toMillis(), id -> next());
        retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
    }
}
