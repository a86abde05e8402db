package dev.parley.chat.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

import dev.parley.chat.api.Event;

/**
 * Changes made in a transaction of the reactive client whose events are written to the stream log by the same
 * transaction and announced once it has committed, as {@link Announces} does for Hibernate's. A transaction PostgreSQL
 * aborted to break a deadlock runs again.
 */
@ApplicationScoped
public class LoggedTransactions {

    private final Pool pool;
    private final EventPublisher publisher;
    private final Fanout fanout;

    public LoggedTransactions(Pool pool, EventPublisher publisher, Fanout fanout) {
        this.pool = pool;
        this.publisher = publisher;
        this.fanout = fanout;
    }

    /** Runs the work in a transaction; what it publishes is announced after the commit, and dropped on rollback. */
    public <T> Uni<T> run(Function<Change, Uni<T>> work) {
        return Deadlocks.retried(() -> {
            List<Announcement> published = new ArrayList<>();
            return pool.withTransaction(tx -> work.apply(new Change(tx, published)))
                    .invoke(() -> fanout.committed(published));
        });
    }

    /** One transaction's connection and the events it has published. */
    public final class Change {

        private final SqlConnection tx;
        private final List<Announcement> published;

        Change(SqlConnection tx, List<Announcement> published) {
            this.tx = tx;
            this.published = published;
        }

        public SqlConnection tx() {
            return tx;
        }

        /** To every member of the event's conversation. */
        public Uni<Void> publish(Event event) {
            return publisher.publish(tx, event).invoke(published::add).replaceWithVoid();
        }

        /** To the given users. */
        public Uni<Void> publishTo(Event event, Collection<Long> recipients) {
            return publisher.publishTo(tx, event, recipients).invoke(published::add).replaceWithVoid();
        }
    }
}
