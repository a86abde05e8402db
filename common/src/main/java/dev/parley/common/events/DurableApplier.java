package dev.parley.common.events;

import java.util.List;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Applies a feed to this service's tables once per service: in one transaction, it locks the feed's row in
 * {@code feed_positions} (so replicas take turns), applies the page's events beyond the recorded position with every
 * handler of the feed, and records the new position.
 */
final class DurableApplier implements FeedFollower.Applier {

    private final String feed;
    private final List<FeedHandler> handlers;
    private final FeedStore store;

    DurableApplier(String feed, List<FeedHandler> handlers, FeedStore store) {
        this.feed = feed;
        this.handlers = handlers;
        this.store = store;
    }

    @Override
    public Uni<FeedCursor> start() {
        return store.position(feed);
    }

    @Override
    public Uni<FeedFollower.Applied> apply(FeedPage page) {
        return store.pool().withTransaction(tx -> store.lockPosition(tx, feed).chain(recorded -> {
            List<FeedEvent> fresh = page.events().stream().filter(event -> event.place().isAfter(recorded))
                    .toList();
            if (fresh.isEmpty()) {
                FeedCursor next = recorded.isAfter(page.next()) ? recorded : page.next();
                return Uni.createFrom().item(new FeedFollower.Applied(next, 0));
            }
            return Multi.createFrom().iterable(fresh)
                    .onItem().transformToUniAndConcatenate(event -> Multi.createFrom().iterable(handlers)
                            .onItem().transformToUniAndConcatenate(handler -> handler.apply(tx, event))
                            .collect().last())
                    .collect().last()
                    .chain(() -> store.storePosition(tx, feed, page.next()))
                    .replaceWith(new FeedFollower.Applied(page.next(), fresh.size()));
        }));
    }
}
