package dev.parley.chat.repository;

import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * chat-service's copy of friendship-service's relationships, one row per pair of users. Plain SQL on the reactive
 * pool: events are applied inside the feed's own transaction, where no Hibernate session exists, and the send path
 * reads a pair and a membership in one round trip.
 */
@ApplicationScoped
public class RelationshipRepository {

    /** A pair as last reported; {@code known} is false when no event has named the pair yet. */
    public record Pair(boolean known, boolean friends, List<Long> blockedBy) {

        static final Pair UNKNOWN = new Pair(false, false, List.of());

        public boolean blocked() {
            return !blockedBy.isEmpty();
        }
    }

    /** A direct conversation's other user: whether they are still in it, and the pair's row. */
    public record Peer(boolean present, Pair pair) {
    }

    private final Pool pool;

    public RelationshipRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Stores the pair's state unless a state at the same or a higher position is stored already ("highest position
     * wins"), so applying an event twice, or an older one after a newer, changes nothing.
     */
    public Uni<Void> apply(SqlConnection tx, long low, long high, boolean friends, List<Long> blockedBy,
            long position) {
        return tx.preparedQuery("""
                INSERT INTO chat.relationships (user_low, user_high, friends, blocked_by, position)
                VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (user_low, user_high) DO UPDATE
                   SET friends = excluded.friends, blocked_by = excluded.blocked_by, position = excluded.position
                 WHERE relationships.position < excluded.position""")
                .execute(Tuple.of(low, high, friends, blockedBy.toArray(Long[]::new), position)).replaceWithVoid();
    }

    /** The pair of two users, in either order. */
    public Uni<Pair> find(long a, long b) {
        return pool.preparedQuery("""
                SELECT friends, blocked_by FROM chat.relationships WHERE user_low = $1 AND user_high = $2""")
                .execute(Tuple.of(Math.min(a, b), Math.max(a, b)))
                .map(rows -> rows.rowCount() == 0 ? Pair.UNKNOWN : pairOf(rows.iterator().next()));
    }

    /** Whether {@code peer} is still a member of the conversation, and their pair with {@code caller}. */
    public Uni<Peer> peer(long conversationId, long caller, long peer) {
        return pool.preparedQuery("""
                SELECT EXISTS (SELECT 1 FROM chat.members WHERE conversation_id = $1 AND user_id = $4) AS present,
                       r.friends, r.blocked_by
                  FROM (SELECT 1) AS one
                  LEFT JOIN chat.relationships r ON r.user_low = $2 AND r.user_high = $3""")
                .execute(Tuple.of(conversationId, Math.min(caller, peer), Math.max(caller, peer), peer))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    Pair pair = row.getBoolean("friends") == null ? Pair.UNKNOWN : pairOf(row);
                    return new Peer(row.getBoolean("present"), pair);
                });
    }

    private static Pair pairOf(Row row) {
        Long[] blockedBy = row.getArrayOfLongs("blocked_by");
        return new Pair(true, row.getBoolean("friends"), blockedBy == null ? List.of() : Arrays.asList(blockedBy));
    }
}
