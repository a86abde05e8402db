package dev.parley.chat.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.parley.chat.api.PinView;

/**
 * A conversation's pinned messages. Plain SQL on the reactive client: pins are changed in the transactions that lock
 * their conversation, and read with their messages as {@link MessageRows} reads them.
 */
@ApplicationScoped
public class PinRepository {

    private final Pool pool;

    public PinRepository(Pool pool) {
        this.pool = pool;
    }

    /** Whether the message is pinned. */
    public Uni<Boolean> isPinned(SqlConnection tx, long messageId) {
        return tx.preparedQuery("SELECT 1 FROM chat.pins WHERE message_id = $1").execute(Tuple.of(messageId))
                .map(rows -> rows.rowCount() > 0);
    }

    /** How many messages of the conversation are pinned. */
    public Uni<Long> count(SqlConnection tx, long conversationId) {
        return tx.preparedQuery("SELECT count(*) AS pins FROM chat.pins WHERE conversation_id = $1")
                .execute(Tuple.of(conversationId)).map(rows -> rows.iterator().next().getLong("pins"));
    }

    public Uni<Void> pin(SqlConnection tx, long conversationId, long messageId, long userId, Instant at) {
        return tx.preparedQuery("""
                INSERT INTO chat.pins (message_id, conversation_id, pinned_by, pinned_at) VALUES ($1, $2, $3, $4)""")
                .execute(Tuple.of(messageId, conversationId, userId, at.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    /** Takes the pin away; answers whether there was one. */
    public Uni<Boolean> unpin(SqlConnection tx, long messageId) {
        return tx.preparedQuery("DELETE FROM chat.pins WHERE message_id = $1").execute(Tuple.of(messageId))
                .map(rows -> rows.rowCount() > 0);
    }

    /** The conversation's pinned messages as the viewer sees them, newest pin first. */
    public Uni<List<PinView>> list(long conversationId, long viewer) {
        return pool.preparedQuery("SELECT p.pinned_by, p.pinned_at, " + MessageRows.columns("$2")
                + " FROM chat.pins p JOIN chat.messages m ON m.id = p.message_id" + MessageRows.REPLIES + """
                 WHERE p.conversation_id = $1 ORDER BY p.pinned_at DESC, p.message_id DESC""")
                .execute(Tuple.of(conversationId, viewer))
                .map(rows -> {
                    List<PinView> pins = new ArrayList<>(rows.rowCount());
                    for (Row row : rows) {
                        pins.add(new PinView(MessageRows.view(row, true), row.getLong("pinned_by"),
                                row.getOffsetDateTime("pinned_at").toInstant()));
                    }
                    return pins;
                });
    }
}
