package dev.parley.chat.service;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Runs one user's presence changes on this replica one after the other, in the order they were asked for: a socket
 * that opens and closes at once is recorded before it is forgotten. Different users' changes run side by side.
 */
@ApplicationScoped
public class PresenceLanes {

    private static final Logger LOG = Logger.getLogger(PresenceLanes.class);

    private final Vertx vertx;
    // A user's lane exists while a change of theirs runs; it holds the changes waiting behind that one.
    private final Map<Long, Deque<Supplier<Uni<Void>>>> lanes = new HashMap<>();
    private final Set<Long> later = ConcurrentHashMap.newKeySet();

    public PresenceLanes(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Runs the change after the user's changes asked for before it. */
    public void run(long userId, Supplier<Uni<Void>> change) {
        synchronized (lanes) {
            Deque<Supplier<Uni<Void>>> waiting = lanes.get(userId);
            if (waiting != null) {
                waiting.add(change);
                return;
            }
            lanes.put(userId, new ArrayDeque<>());
        }
        start(userId, change);
    }

    /** Runs the change in the user's lane after {@code delayMillis}, unless one is already waiting for its time. */
    public void runLater(long userId, long delayMillis, Supplier<Uni<Void>> change) {
        if (later.add(userId)) {
            vertx.setTimer(Math.max(1, delayMillis), timer -> {
                later.remove(userId);
                run(userId, change);
            });
        }
    }

    private void start(long userId, Supplier<Uni<Void>> change) {
        Uni.createFrom().deferred(change::get).subscribe().with(done -> next(userId), failure -> {
            LOG.warnf("Presence change of user %d failed: %s", userId, failure.getMessage());
            next(userId);
        });
    }

    private void next(long userId) {
        Supplier<Uni<Void>> following;
        synchronized (lanes) {
            following = lanes.get(userId).poll();
            if (following == null) {
                lanes.remove(userId);
                return;
            }
        }
        start(userId, following);
    }
}
