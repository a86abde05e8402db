package dev.parley.chat.service;

import java.util.Set;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Runs a transaction again when PostgreSQL aborted it to break a deadlock (SQLSTATE 40P01) or a serialization
 * conflict (40001): nothing of it was stored, so another attempt is safe. Locks are taken in one order (see
 * {@link ConversationAccess#lockedSeat}), so this is the rare exception, and a few attempts are enough.
 */
final class Deadlocks {

    static final int ATTEMPTS = 3;
    private static final Set<String> RETRYABLE = Set.of("40P01", "40001");

    private Deadlocks() {
    }

    /** Subscribes to a fresh {@code transaction()} for each attempt. */
    static <T> Uni<T> retried(Supplier<Uni<? extends T>> transaction) {
        return Uni.createFrom().deferred(transaction).onFailure(Deadlocks::retryable).retry().atMost(ATTEMPTS - 1);
    }

    static boolean retryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && RETRYABLE.contains(pg.getSqlState())) {
                return true;
            }
            // Hibernate Reactive keeps the SQLSTATE only in its own message: "... (40P01)".
            String message = t.getMessage();
            if (message != null && RETRYABLE.stream().anyMatch(state -> message.contains("(" + state + ")"))) {
                return true;
            }
        }
        return false;
    }
}
