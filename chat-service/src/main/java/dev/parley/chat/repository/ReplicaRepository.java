package dev.parley.chat.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The replicas' heartbeats ({@code chat.replicas}) and the sockets each holds ({@code chat.presence_sockets}). Plain
 * SQL on the reactive client: a heartbeat and the count of the replica's sockets are one statement, and intervals are
 * the database's own clock. A socket is recorded or forgotten only under its user's presence row lock
 * ({@link PresenceRepository#lock}).
 */
@ApplicationScoped
public class ReplicaRepository {

    /** A replica and when it was last seen. */
    public record Seen(String replica, Instant seenAt) {
    }

    private final Pool pool;

    public ReplicaRepository(Pool pool) {
        this.pool = pool;
    }

    /** Records that the replica is alive now; answers how many sockets the database holds for it. */
    public Uni<Long> beat(String replica) {
        return pool.preparedQuery("""
                WITH beat AS (INSERT INTO chat.replicas (replica, seen_at) VALUES ($1, now())
                              ON CONFLICT (replica) DO UPDATE SET seen_at = excluded.seen_at)
                SELECT count(*) AS sockets FROM chat.presence_sockets WHERE replica = $1""")
                .execute(Tuple.of(replica)).map(rows -> rows.iterator().next().getLong("sockets"));
    }

    /** The sockets the database holds for the replica: socket id → user id. */
    public Uni<Map<String, Long>> sockets(String replica) {
        return pool.preparedQuery("SELECT socket, user_id FROM chat.presence_sockets WHERE replica = $1")
                .execute(Tuple.of(replica)).map(rows -> {
                    Map<String, Long> sockets = new HashMap<>();
                    for (Row row : rows) {
                        sockets.put(row.getString("socket"), row.getLong("user_id"));
                    }
                    return sockets;
                });
    }

    /** Records a socket of the user on the replica (and the replica, if its heartbeat has not yet). */
    public Uni<Void> addSocket(SqlConnection tx, String replica, String socket, long userId) {
        return tx.preparedQuery("""
                WITH replica AS (INSERT INTO chat.replicas (replica, seen_at) VALUES ($1, now())
                                 ON CONFLICT (replica) DO NOTHING)
                INSERT INTO chat.presence_sockets (replica, socket, user_id) VALUES ($1, $2, $3)
                ON CONFLICT (replica, socket) DO NOTHING""")
                .execute(Tuple.of(replica, socket, userId)).replaceWithVoid();
    }

    /** Forgets a socket of the user; answers whether the user has sockets left on any replica. */
    public Uni<Boolean> removeSocket(SqlConnection tx, String replica, String socket, long userId) {
        return tx.preparedQuery("DELETE FROM chat.presence_sockets WHERE replica = $1 AND socket = $2")
                .execute(Tuple.of(replica, socket)).chain(() -> hasSockets(tx, userId));
    }

    /** Forgets every socket of the user on the replica; answers whether the user has sockets left elsewhere. */
    public Uni<Boolean> removeReplica(SqlConnection tx, String replica, long userId) {
        return tx.preparedQuery("DELETE FROM chat.presence_sockets WHERE replica = $1 AND user_id = $2")
                .execute(Tuple.of(replica, userId)).chain(() -> hasSockets(tx, userId));
    }

    /** Replicas other than {@code self} unseen for longer than {@code timeoutMillis}. */
    public Uni<List<Seen>> dead(String self, long timeoutMillis) {
        return pool.preparedQuery("""
                SELECT replica, seen_at FROM chat.replicas
                 WHERE replica <> $1 AND seen_at < now() - CAST($2 AS float8) * interval '1 millisecond'""")
                .execute(Tuple.of(self, timeoutMillis)).map(rows -> {
                    List<Seen> dead = new ArrayList<>(rows.rowCount());
                    for (Row row : rows) {
                        dead.add(new Seen(row.getString("replica"), row.getOffsetDateTime("seen_at").toInstant()));
                    }
                    return dead;
                });
    }

    /** The users with a socket on the replica. */
    public Uni<List<Long>> usersOn(String replica) {
        return pool.preparedQuery("SELECT DISTINCT user_id FROM chat.presence_sockets WHERE replica = $1")
                .execute(Tuple.of(replica)).map(rows -> {
                    List<Long> users = new ArrayList<>(rows.rowCount());
                    for (Row row : rows) {
                        users.add(row.getLong("user_id"));
                    }
                    return users;
                });
    }

    /**
     * Forgets the replica once it holds no sockets, unless it was seen within {@code timeoutMillis} (it came back);
     * answers whether it is gone.
     */
    public Uni<Boolean> forget(String replica, long timeoutMillis) {
        return pool.preparedQuery("""
                DELETE FROM chat.replicas r
                 WHERE replica = $1 AND seen_at <= now() - CAST($2 AS float8) * interval '1 millisecond'
                   AND NOT EXISTS (SELECT 1 FROM chat.presence_sockets s WHERE s.replica = r.replica)""")
                .execute(Tuple.of(replica, timeoutMillis)).map(rows -> rows.rowCount() > 0);
    }

    private static Uni<Boolean> hasSockets(SqlConnection tx, long userId) {
        return tx.preparedQuery("SELECT EXISTS (SELECT 1 FROM chat.presence_sockets WHERE user_id = $1) AS any")
                .execute(Tuple.of(userId)).map(rows -> rows.iterator().next().getBoolean("any"));
    }
}
