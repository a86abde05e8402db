package dev.parley.common.events;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Feed readers waiting for the next event. While any wait, this replica looks at the outbox's newest visible event
 * every {@link EventSettings#pollInterval()} (one indexed query for all of them) and wakes those it has passed.
 * Polling rather than NOTIFY keeps PostgreSQL's cluster-wide notify lock out of every publishing transaction.
 */
@ApplicationScoped
public class FeedWaits {

    private static final Logger LOG = Logger.getLogger(FeedWaits.class);

    private record Waiter(FeedCursor after, CompletableFuture<Void> ready) {
    }

    private final FeedStore store;
    private final EventSettings settings;
    private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean looking = new AtomicBoolean();

    public FeedWaits(FeedStore store, EventSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        if (settings.feed().isPresent()) {
            vertx.setPeriodic(settings.pollInterval().toMillis(), id -> look());
        }
    }

    /** Completes once an event after {@code after} is visible, or when {@code wait} has passed. */
    public Uni<Void> until(FeedCursor after, Duration wait) {
        Waiter waiter = new Waiter(after, new CompletableFuture<>());
        waiters.add(waiter);
        return Uni.createFrom().completionStage(waiter.ready()).ifNoItem().after(wait).recoverWithItem((Void) null)
                .eventually(() -> waiters.remove(waiter)).replaceWithVoid();
    }

    private void look() {
        if (waiters.isEmpty() || !looking.compareAndSet(false, true)) {
            return;
        }
        store.head().eventually(() -> looking.set(false)).subscribe().with(head -> {
            for (Waiter waiter : waiters) {
                if (head.isAfter(waiter.after())) {
                    waiter.ready().complete(null);
                }
            }
        }, failure -> LOG.debugf("Feed head not read: %s", failure.getMessage()));
    }
}
