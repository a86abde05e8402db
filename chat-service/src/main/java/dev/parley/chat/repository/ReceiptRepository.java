package dev.parley.chat.repository;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Members' read and delivery marks, and who keeps their receipts to themselves. Plain SQL on the reactive client:
 * both marks move forward in one statement, in the transactions that announce them.
 */
@ApplicationScoped
public class ReceiptRepository {

    /** A member's marks, and whether they hide them. */
    public record Marks(long userId, long lastReadSeq, long lastDeliveredSeq, boolean hidden) {
    }

    /**
     * Moves the member's marks forward to {@code readSeq} and {@code deliveredSeq} (a mark ahead stays); answers the
     * marks as they are now, or null when neither moved.
     */
    public Uni<Marks> advance(SqlConnection tx, long conversationId, long userId, long readSeq, long deliveredSeq) {
        return tx.preparedQuery("""
                UPDATE chat.members SET last_read_seq = greatest(last_read_seq, $3),
                                        last_delivered_seq = greatest(last_delivered_seq, $4, $3)
                 WHERE conversation_id = $1 AND user_id = $2
                   AND (last_read_seq < $3 OR last_delivered_seq < greatest($4, $3))
                RETURNING user_id, last_read_seq, last_delivered_seq, false AS hidden""")
                .execute(Tuple.of(conversationId, userId, readSeq, deliveredSeq))
                .map(rows -> rows.rowCount() == 0 ? null : marks(rows.iterator().next()));
    }

    /** Every member's marks, in the order they joined. */
    public Uni<List<Marks>> ofMembers(SqlClient client, long conversationId) {
        return client.preparedQuery("""
                SELECT m.user_id, m.last_read_seq, m.last_delivered_seq,
                       EXISTS (SELECT 1 FROM chat.receipts_hidden h WHERE h.user_id = m.user_id) AS hidden
                  FROM chat.members m WHERE m.conversation_id = $1 ORDER BY m.joined_at, m.id""")
                .execute(Tuple.of(conversationId))
                .map(rows -> {
                    List<Marks> marks = new ArrayList<>(rows.rowCount());
                    rows.forEach(row -> marks.add(marks(row)));
                    return marks;
                });
    }

    /** The marks of the members of the conversations that changed since the transaction, by conversation. */
    public Uni<Map<Long, List<Marks>>> changedSince(SqlClient client, List<Long> conversationIds, String sinceXid) {
        return client.preparedQuery("""
                SELECT m.conversation_id, m.user_id, m.last_read_seq, m.last_delivered_seq,
                       EXISTS (SELECT 1 FROM chat.receipts_hidden h WHERE h.user_id = m.user_id) AS hidden
                  FROM chat.members m
                 WHERE m.conversation_id = ANY($1) AND m.changed_xid >= CAST($2 AS xid8)
                 ORDER BY m.conversation_id, m.joined_at, m.id""")
                .execute(Tuple.of(conversationIds.toArray(Long[]::new), sinceXid))
                .map(rows -> {
                    Map<Long, List<Marks>> marks = new HashMap<>();
                    rows.forEach(row -> marks.computeIfAbsent(row.getLong("conversation_id"), id -> new ArrayList<>())
                            .add(marks(row)));
                    return marks;
                });
    }

    /** Those of the users who keep their receipts to themselves. */
    public Uni<Set<Long>> hiding(SqlClient client, List<Long> userIds) {
        return client.preparedQuery("SELECT user_id FROM chat.receipts_hidden WHERE user_id = ANY($1)")
                .execute(Tuple.of(userIds.toArray(Long[]::new)))
                .map(rows -> {
                    Set<Long> hiding = new HashSet<>();
                    rows.forEach(row -> hiding.add(row.getLong("user_id")));
                    return hiding;
                });
    }

    /** Records whether the user hides their receipts. */
    public Uni<Void> hide(SqlConnection tx, long userId, boolean hidden) {
        String sql = hidden
                ? "INSERT INTO chat.receipts_hidden (user_id) VALUES ($1) ON CONFLICT DO NOTHING"
                : "DELETE FROM chat.receipts_hidden WHERE user_id = $1";
        return tx.preparedQuery(sql).execute(Tuple.of(userId)).replaceWithVoid();
    }

    private static Marks marks(Row row) {
        return new Marks(row.getLong("user_id"), row.getLong("last_read_seq"), row.getLong("last_delivered_seq"),
                row.getBoolean("hidden"));
    }
}
