package dev.parley.chat.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.smallrye.common.vertx.ContextLocals;

/**
 * The events a transaction has logged, held in its Vert.x context until it commits; {@link Announces} hands them to
 * {@link Fanout} then, and drops them if it rolls back.
 */
final class PendingAnnouncements {

    private static final String KEY = "parley.pending-announcements";

    private PendingAnnouncements() {
    }

    /** Starts collecting for the current context; false if an enclosing call collects already. */
    static boolean begin() {
        if (ContextLocals.get(KEY).isPresent()) {
            return false;
        }
        ContextLocals.put(KEY, new ArrayList<Announcement>());
        return true;
    }

    /** Adds an event of the current transaction; fails if no {@link Announces} method encloses the call. */
    static void add(Announcement event) {
        current().orElseThrow(() -> new IllegalStateException("Events are published only inside @Announces"))
                .add(event);
    }

    /** What was collected, no longer held by the context. */
    static List<Announcement> end() {
        List<Announcement> events = current().orElse(List.of());
        ContextLocals.remove(KEY);
        return events;
    }

    private static Optional<List<Announcement>> current() {
        return ContextLocals.get(KEY);
    }
}
