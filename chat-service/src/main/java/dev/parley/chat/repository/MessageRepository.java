package dev.parley.chat.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.parley.chat.api.MessageView;

/**
 * Messages by conversation and seq, as a reader sees them, and the author's changes. Plain SQL on the reactive
 * client: a message is read with the message it replies to and its reaction counts (see {@link MessageRows}), and
 * sync pages by transaction id.
 */
@ApplicationScoped
public class MessageRepository {

    /**
     * What {@link #changedSince} counts for a message besides its body and client id: less than the JSON of any
     * message without them, so a caller measuring the JSON always reaches its budget before this estimate does.
     */
    public static final int MESSAGE_OVERHEAD = 100;

    /** A message as its author's change needs it, its row locked. */
    public record Authored(long id, long conversationId, long seq, long senderId, boolean deleted,
            List<Long> mentions) {
    }

    /**
     * What a new message refers to: whether its sender is a member, the conversation of the message it replies to
     * (null when there is none), the users it mentions who are not members, in the order given, and how many of its
     * attachments the sender may attach.
     */
    public record References(boolean senderIsMember, boolean alreadyStored, Long replyConversationId,
            List<Long> nonMembers, int attachable) {
    }

    private final Pool pool;

    public MessageRepository(Pool pool) {
        this.pool = pool;
    }

    /** Newest first, below {@code beforeSeq}. */
    public Uni<List<MessageView>> before(long conversationId, long beforeSeq, int limit, long viewer) {
        return views(pool, "SELECT " + MessageRows.columns("$4") + MessageRows.FROM
                + " WHERE m.conversation_id = $1 AND m.seq < $2 ORDER BY m.seq DESC LIMIT $3",
                Tuple.of(conversationId, beforeSeq, limit, viewer), true);
    }

    /** Oldest first, above {@code afterSeq}. */
    public Uni<List<MessageView>> after(long conversationId, long afterSeq, int limit, long viewer) {
        return views(pool, "SELECT " + MessageRows.columns("$4") + MessageRows.FROM
                + " WHERE m.conversation_id = $1 AND m.seq > $2 ORDER BY m.seq LIMIT $3",
                Tuple.of(conversationId, afterSeq, limit, viewer), true);
    }

    /** The message, as the viewer sees it; null when the conversation has no such message. */
    public Uni<MessageView> one(SqlClient client, long conversationId, long messageId, long viewer) {
        return views(client, "SELECT " + MessageRows.columns("$3") + MessageRows.FROM
                + " WHERE m.id = $1 AND m.conversation_id = $2",
                Tuple.of(messageId, conversationId, viewer), true)
                .map(found -> found.isEmpty() ? null : found.get(0));
    }

    /** The messages with these ids, as every member receives them alike. */
    public Uni<List<MessageView>> shared(List<Long> ids) {
        return shared(pool, ids);
    }

    /** The same, through a transaction (or the pool). */
    public Uni<List<MessageView>> shared(SqlClient client, List<Long> ids) {
        return views(client, "SELECT " + MessageRows.columns(MessageRows.SHARED) + MessageRows.FROM
                + " WHERE m.id = ANY($1)", Tuple.of(ids.toArray(Long[]::new)), false);
    }

    /** The newest message of each of the conversations, as the viewer sees it. */
    public Uni<List<MessageView>> latestOf(List<Long> conversationIds, long viewer) {
        if (conversationIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return views(pool, "SELECT " + MessageRows.columns("$2") + """
                 FROM chat.conversations c JOIN chat.messages m ON m.conversation_id = c.id AND m.seq = c.last_seq
                """ + MessageRows.REPLIES + " WHERE c.id = ANY($1)",
                Tuple.of(conversationIds.toArray(Long[]::new), viewer), true);
    }

    /**
     * Messages of the conversations changed by a transaction at or after {@code sinceXid}, in conversation and seq
     * order, at most {@code perConversation} of each (one more is fetched to tell whether there are more). Reading
     * stops once the bodies and client ids read, plus {@link #MESSAGE_OVERHEAD} each, reach {@code maxBytes}: the
     * message that reaches it is the last one returned.
     */
    public Uni<List<MessageView>> changedSince(List<Long> conversationIds, String sinceXid, int perConversation,
            long maxBytes, long viewer) {
        if (conversationIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        // Sizes are summed in the database so that no more than one answer's worth of bodies is ever loaded.
        return views(pool, "SELECT " + MessageRows.columns("$6") + """
                  FROM (SELECT limited.*, sum(size) OVER (ORDER BY conversation_id, seq) - size AS before
                          FROM (SELECT x.*,
                                       row_number() OVER (PARTITION BY conversation_id ORDER BY seq) AS position,
                                       octet_length(coalesce(body, '')) + octet_length(coalesce(client_message_id, ''))
                                           + $4 AS size
                                  FROM chat.messages x
                                 WHERE conversation_id = ANY($1) AND changed_xid >= CAST($2 AS xid8)) limited
                         WHERE position <= $3) m
                """ + MessageRows.REPLIES + """
                 WHERE m.before < $5
                 ORDER BY m.conversation_id, m.seq""",
                Tuple.from(List.of(conversationIds.toArray(Long[]::new), sinceXid, perConversation + 1,
                        MESSAGE_OVERHEAD, maxBytes, viewer)),
                true);
    }

    /** What a message the sender writes into the conversation refers to. */
    public Uni<References> references(long conversationId, long senderId, String clientMessageId, Long replyTo,
            List<Long> mentions, List<Long> attachments) {
        return pool.preparedQuery("""
                SELECT EXISTS (SELECT 1 FROM chat.members WHERE conversation_id = $1 AND user_id = $2) AS member,
                       EXISTS (SELECT 1 FROM chat.messages WHERE conversation_id = $1 AND sender_id = $2
                                  AND client_message_id = $6) AS stored,
                       (SELECT conversation_id FROM chat.messages WHERE id = $3) AS reply_conversation_id,
                       ARRAY(SELECT x.user_id FROM unnest($4::bigint[]) WITH ORDINALITY AS x(user_id, position)
                              WHERE NOT EXISTS (SELECT 1 FROM chat.members m
                                                 WHERE m.conversation_id = $1 AND m.user_id = x.user_id)
                              ORDER BY x.position) AS non_members,
                       (SELECT count(*) FROM chat.uploads u
                         WHERE u.id = ANY($5) AND u.user_id = $2 AND u.conversation_id = $1 AND u.status = 'ready'
                           AND u.message_id IS NULL AND NOT u.doomed) AS attachable""")
                .execute(Tuple.of(conversationId, senderId, replyTo, mentions.toArray(Long[]::new),
                        attachments.toArray(Long[]::new), clientMessageId))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new References(row.getBoolean("member"), row.getBoolean("stored"),
                            row.getLong("reply_conversation_id"),
                            List.of(row.getArrayOfLongs("non_members")), row.getLong("attachable").intValue());
                });
    }

    /**
     * The message, its row locked until the transaction ends and marked changed for sync (its reactions or pin are
     * about to change, if not its body); null when the conversation has no such message.
     */
    public Uni<Authored> lock(SqlConnection tx, long conversationId, long messageId) {
        return tx.preparedQuery("""
                UPDATE chat.messages SET changed_xid = pg_current_xact_id() WHERE id = $1 AND conversation_id = $2
                RETURNING id, conversation_id, seq, sender_id, deleted_at IS NOT NULL AS deleted, mentions""")
                .execute(Tuple.of(messageId, conversationId))
                .map(rows -> rows.rowCount() == 0 ? null : authored(rows.iterator().next()));
    }

    /** Replaces the body, marking the message edited. */
    public Uni<Void> edit(SqlConnection tx, long messageId, String body, Instant at) {
        return tx.preparedQuery("UPDATE chat.messages SET body = $2, edited_at = $3 WHERE id = $1")
                .execute(Tuple.of(messageId, body, at.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    /**
     * Leaves a tombstone in the message's place: no body, and neither the mentions nor the reactions it had; its
     * attachments are doomed (the sweeper deletes their files); the messages replying to it show it deleted.
     */
    public Uni<Void> tombstone(SqlConnection tx, Authored message, Instant at) {
        return tx.preparedQuery("""
                WITH unmentioned AS (
                       DELETE FROM chat.mentions WHERE conversation_id = $2 AND seq = $3 AND user_id = ANY($4)),
                     unreacted AS (DELETE FROM chat.reactions WHERE message_id = $1),
                     uncounted AS (DELETE FROM chat.reaction_totals WHERE message_id = $1),
                     unattached AS (UPDATE chat.uploads SET doomed = true WHERE message_id = $1)
                UPDATE chat.messages SET body = NULL, deleted_at = $5, mentions = '{}' WHERE id = $1""")
                .execute(Tuple.of(message.id(), message.conversationId(), message.seq(),
                        message.mentions().toArray(Long[]::new), at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    private static Authored authored(Row row) {
        return new Authored(row.getLong("id"), row.getLong("conversation_id"), row.getLong("seq"),
                row.getLong("sender_id"), row.getBoolean("deleted"), List.of(row.getArrayOfLongs("mentions")));
    }

    private static Uni<List<MessageView>> views(SqlClient client, String sql, Tuple parameters, boolean personal) {
        return client.preparedQuery(sql).execute(parameters).map(rows -> all(rows, personal));
    }

    private static List<MessageView> all(RowSet<Row> rows, boolean personal) {
        List<MessageView> views = new ArrayList<>(rows.rowCount());
        for (Row row : rows) {
            views.add(MessageRows.view(row, personal));
        }
        return views;
    }
}
