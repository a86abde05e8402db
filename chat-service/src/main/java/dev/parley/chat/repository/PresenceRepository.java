package dev.parley.chat.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Users' presence rows and their sockets ({@code chat.presence}, {@code chat.presence_sockets}). Plain SQL on the
 * reactive client: a change locks the user's row and reads the database's clock in one statement, and the feed's
 * handlers write inside the feed's own transaction, where no Hibernate session exists.
 */
@ApplicationScoped
public class PresenceRepository {

    /**
     * A user's presence row as locked by a change, and the database's clock once the lock was taken.
     *
     * @param toldOnline what friends were last told; with {@code toldLastSeenAt} (to the minute)
     * @param toldAt when they were told; null if never
     * @param dueAt when a change waiting for the end of the window is to be told; null if none waits
     */
    public record State(long userId, boolean online, Instant lastSeenAt, boolean hidden, boolean toldOnline,
            Instant toldLastSeenAt, Instant toldAt, Instant dueAt, Instant now) {
    }

    /** A user's presence as stored: for {@code GET /v1/presence}. */
    public record Stored(long userId, boolean online, Instant lastSeenAt, boolean hidden) {
    }

    private static final String STATE = """
            RETURNING user_id, online, last_seen_at, hidden, told_online, told_last_seen_at, told_at, due_at,
                      clock_timestamp() AS now""";

    private final Pool pool;

    public PresenceRepository(Pool pool) {
        this.pool = pool;
    }

    /** Locks the user's row until the transaction ends, creating it if asked; null if there is none. */
    public Uni<State> lock(SqlConnection tx, long userId, boolean create) {
        String sql = create
                ? "INSERT INTO chat.presence (user_id) VALUES ($1) ON CONFLICT (user_id) DO UPDATE SET user_id = "
                        + "excluded.user_id " + STATE
                : "UPDATE chat.presence SET user_id = user_id WHERE user_id = $1 " + STATE;
        return tx.preparedQuery(sql).execute(Tuple.of(userId)).map(rows -> rows.rowCount() == 0
                ? null
                : state(rows.iterator().next()));
    }

    /** Stores the state a change left, under the lock {@link #lock} took. */
    public Uni<Void> store(SqlConnection tx, State state) {
        return tx.preparedQuery("""
                UPDATE chat.presence SET online = $2, last_seen_at = $3, told_online = $4, told_last_seen_at = $5,
                       told_at = $6, due_at = $7
                 WHERE user_id = $1""")
                .execute(Tuple.tuple(Arrays.asList(state.userId(), state.online(), time(state.lastSeenAt()),
                        state.toldOnline(), time(state.toldLastSeenAt()), time(state.toldAt()),
                        time(state.dueAt()))))
                .replaceWithVoid();
    }

    /**
     * Stores whether the user hides their presence; answers whether that changed (or the row is new). A change is
     * due at once, so the friends are told.
     */
    public Uni<Boolean> hide(SqlConnection tx, long userId, boolean hidden) {
        return tx.preparedQuery("""
                INSERT INTO chat.presence AS p (user_id, hidden) VALUES ($1, $2)
                ON CONFLICT (user_id) DO UPDATE SET hidden = excluded.hidden, due_at = now()
                 WHERE p.hidden <> excluded.hidden
                RETURNING user_id""")
                .execute(Tuple.of(userId, hidden)).map(rows -> rows.rowCount() > 0);
    }

    /** Forgets the user's presence and sockets (the account was erased). */
    public Uni<Void> forget(SqlConnection tx, long userId) {
        return tx.preparedQuery("""
                WITH sockets AS (DELETE FROM chat.presence_sockets WHERE user_id = $1)
                DELETE FROM chat.presence WHERE user_id = $1""")
                .execute(Tuple.of(userId)).replaceWithVoid();
    }

    /**
     * The user's friends (neither blocking the other) who do not hide their presence. Whether they have a socket open
     * is for each replica to see: one that has just opened may not be recorded yet.
     */
    public Uni<List<Long>> friendsToTell(long userId) {
        return pool.preparedQuery("""
                SELECT f.id FROM (SELECT user_high AS id FROM chat.relationships
                                   WHERE user_low = $1 AND friends AND cardinality(blocked_by) = 0
                                  UNION ALL
                                  SELECT user_low FROM chat.relationships
                                   WHERE user_high = $1 AND friends AND cardinality(blocked_by) = 0) f
                 WHERE NOT EXISTS (SELECT 1 FROM chat.presence p WHERE p.user_id = f.id AND p.hidden)""")
                .execute(Tuple.of(userId)).map(rows -> ids(rows, "id"));
    }

    /**
     * Of the users, the caller's friends (neither blocking the other) with their stored presence; none at all when
     * the caller hides their own.
     */
    public Uni<List<Stored>> friendsOf(long caller, List<Long> userIds) {
        return pool.preparedQuery("""
                SELECT u.id, coalesce(p.online, false) AS online, p.last_seen_at, coalesce(p.hidden, false) AS hidden
                  FROM unnest($2::bigint[]) AS u(id)
                  JOIN chat.relationships r ON r.user_low = least($1, u.id) AND r.user_high = greatest($1, u.id)
                  LEFT JOIN chat.presence p ON p.user_id = u.id
                 WHERE r.friends AND cardinality(r.blocked_by) = 0
                   AND NOT EXISTS (SELECT 1 FROM chat.presence me WHERE me.user_id = $1 AND me.hidden)""")
                .execute(Tuple.of(caller, userIds.toArray(Long[]::new))).map(rows -> {
                    List<Stored> found = new ArrayList<>(rows.rowCount());
                    for (Row row : rows) {
                        found.add(new Stored(row.getLong("id"), row.getBoolean("online"),
                                instant(row, "last_seen_at"), row.getBoolean("hidden")));
                    }
                    return found;
                });
    }

    /** Users whose change was due before {@code graceMillis} ago: the replica that was to tell it did not. */
    public Uni<List<Long>> overdue(long graceMillis, int limit) {
        return pool.preparedQuery("""
                SELECT user_id FROM chat.presence WHERE due_at < now() - CAST($1 AS float8) * interval '1 millisecond'
                 ORDER BY due_at LIMIT $2""")
                .execute(Tuple.of(graceMillis, limit)).map(rows -> ids(rows, "user_id"));
    }

    private static State state(Row row) {
        return new State(row.getLong("user_id"), row.getBoolean("online"), instant(row, "last_seen_at"),
                row.getBoolean("hidden"), row.getBoolean("told_online"), instant(row, "told_last_seen_at"),
                instant(row, "told_at"), instant(row, "due_at"), instant(row, "now"));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static List<Long> ids(RowSet<Row> rows, String column) {
        List<Long> ids = new ArrayList<>(rows.rowCount());
        for (Row row : rows) {
            ids.add(row.getLong(column));
        }
        return ids;
    }
}
