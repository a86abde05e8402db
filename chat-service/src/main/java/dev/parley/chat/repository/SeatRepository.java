package dev.parley.chat.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.parley.chat.Conversation;
import dev.parley.chat.Member;

/** A member's place in a conversation, read on the reactive client, through a pool or in a transaction. */
@ApplicationScoped
public class SeatRepository {

    /** The conversation's kind and newest seq, and the member's role and marks. */
    public record Place(long conversationId, long userId, String kind, long lastSeq, String role, long lastReadSeq,
            long lastDeliveredSeq) {

        public boolean canManage() {
            return Member.OWNER.equals(role) || Member.ADMIN.equals(role);
        }

        public boolean isDirect() {
            return Conversation.DIRECT.equals(kind);
        }
    }

    /** The user's place in the conversation; null when they are not a member. */
    public Uni<Place> find(SqlClient client, long conversationId, long userId) {
        return client.preparedQuery("""
                SELECT c.kind, c.last_seq, m.role, m.last_read_seq, m.last_delivered_seq
                  FROM chat.members m JOIN chat.conversations c ON c.id = m.conversation_id
                 WHERE m.conversation_id = $1 AND m.user_id = $2""")
                .execute(Tuple.of(conversationId, userId))
                .map(rows -> rows.rowCount() == 0 ? null : place(conversationId, userId, rows.iterator().next()));
    }

    /**
     * Marks the conversation changed (for sync) without changing what clients see, locking its row until the
     * transaction ends: every write takes it before anything else in the conversation.
     */
    public Uni<Void> touch(SqlConnection tx, long conversationId) {
        return tx.preparedQuery("UPDATE chat.conversations SET kind = kind WHERE id = $1")
                .execute(Tuple.of(conversationId)).replaceWithVoid();
    }

    private static Place place(long conversationId, long userId, Row row) {
        return new Place(conversationId, userId, row.getString("kind"), row.getLong("last_seq"),
                row.getString("role"), row.getLong("last_read_seq"), row.getLong("last_delivered_seq"));
    }
}
