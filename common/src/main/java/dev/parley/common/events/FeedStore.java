package dev.parley.common.events;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code outbox_events} and {@code feed_positions} tables of the service's own schema, in plain SQL on the pool:
 * feeds are read outside any business transaction.
 */
@ApplicationScoped
public class FeedStore {

    private final Pool pool;
    private final ObjectMapper json;
    private final String outbox;
    private final String positions;

    // The tables live in the schema Flyway migrates, whatever the connection's search_path.
    public FeedStore(Pool pool, ObjectMapper json,
            @ConfigProperty(name = "quarkus.flyway.default-schema") String schema) {
        this.pool = pool;
        this.json = json;
        String quoted = '"' + schema.replace("\"", "") + '"';
        this.outbox = quoted + ".outbox_events";
        this.positions = quoted + ".feed_positions";
    }

    /** The INSERT of one event, with the named parameters type, key, data (JSON text) and compacted. */
    String insertStatement() {
        return "INSERT INTO " + outbox + " (type, key, data, compacted) VALUES (:type, :key, :data, :compacted)";
    }

    /** Writes one event with the given client (a transaction's connection). */
    public Uni<Void> insert(SqlClient tx, String type, String key, String data, boolean state) {
        return tx.preparedQuery("INSERT INTO " + outbox + " (type, key, data, compacted) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(type, key, data, state)).replaceWithVoid();
    }

    /** Up to {@code limit} events after the cursor, optionally only those since a time, and what lies beyond. */
    public Uni<FeedPage> read(FeedCursor after, int limit, Instant since) {
        String sinceClause = since == null ? "" : " AND occurred_at >= $3";
        Tuple args = Tuple.of(after.position(), limit);
        if (since != null) {
            args.addOffsetDateTime(since.atOffset(ZoneOffset.UTC));
        }
        return pool.preparedQuery("SELECT position, type, key, data, occurred_at FROM " + outbox
                + " WHERE position > $1" + sinceClause + " ORDER BY position LIMIT $2")
                .execute(args).chain(rows -> {
                    List<FeedEvent> events = new ArrayList<>();
                    for (Row row : rows) {
                        events.add(event(row));
                    }
                    String next = events.isEmpty() ? after.toString() : events.getLast().cursor();
                    if (events.size() < limit) {
                        return Uni.createFrom().item(new FeedPage(events, next, 0));
                    }
                    return behind(FeedCursor.parse(next)).map(count -> new FeedPage(events, next, count));
                });
    }

    // Counted up to a bound: enough to say how far behind a reader is without scanning a large backlog.
    private Uni<Long> behind(FeedCursor after) {
        return pool.preparedQuery("SELECT count(*) AS behind FROM (SELECT 1 FROM " + outbox
                + " WHERE position > $1 LIMIT 100000) AS beyond").execute(Tuple.of(after.position()))
                .map(rows -> rows.iterator().next().getLong("behind"));
    }

    /** The newest event's cursor, or {@link FeedCursor#START} when there is none. */
    public Uni<FeedCursor> head() {
        return pool.query("SELECT max(position) AS position FROM " + outbox).execute().map(rows -> {
            Long position = rows.iterator().next().getLong("position");
            return position == null ? FeedCursor.START : new FeedCursor(position);
        });
    }

    /** Deletes happenings older than the retention, and state events that a newer one of their key replaced. */
    public Uni<Integer> purge(Duration retention) {
        return pool.preparedQuery("DELETE FROM " + outbox + " e WHERE occurred_at < now() - make_interval(secs => $1)"
                + " AND (NOT compacted OR EXISTS (SELECT 1 FROM " + outbox
                + " n WHERE n.key = e.key AND n.type = e.type AND n.position > e.position))")
                .execute(Tuple.of(retention.toMillis() / 1000.0)).map(rows -> rows.rowCount());
    }

    /** How far this service has applied a feed, as last committed. */
    public Uni<FeedCursor> position(String feed) {
        return pool.preparedQuery("SELECT position FROM " + positions + " WHERE feed = $1").execute(Tuple.of(feed))
                .map(rows -> rows.rowCount() == 0
                        ? FeedCursor.START
                        : new FeedCursor(rows.iterator().next().getLong("position")));
    }

    /** The same inside a transaction, locking the feed's row so replicas apply one after the other. */
    public Uni<FeedCursor> lockPosition(SqlClient tx, String feed) {
        return tx.preparedQuery("INSERT INTO " + positions + " (feed, position, applied_at) VALUES ($1, 0, now())"
                + " ON CONFLICT (feed) DO NOTHING").execute(Tuple.of(feed))
                .chain(() -> tx.preparedQuery("SELECT position FROM " + positions + " WHERE feed = $1 FOR UPDATE")
                        .execute(Tuple.of(feed)))
                .map(rows -> new FeedCursor(rows.iterator().next().getLong("position")));
    }

    public Uni<Void> storePosition(SqlClient tx, String feed, FeedCursor cursor) {
        return tx.preparedQuery("UPDATE " + positions + " SET position = $2, applied_at = now() WHERE feed = $1")
                .execute(Tuple.of(feed, cursor.position())).replaceWithVoid();
    }

    public Pool pool() {
        return pool;
    }

    private FeedEvent event(Row row) {
        long position = row.getLong("position");
        try {
            return new FeedEvent(Long.toString(position), position, row.getString("type"), row.getString("key"),
                    json.readTree(row.getString("data")), row.getOffsetDateTime("occurred_at").toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable event at " + position, e);
        }
    }
}
