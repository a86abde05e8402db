package dev.parley.chat.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.parley.chat.Conversation;
import dev.parley.chat.api.MemberView;
import dev.parley.chat.api.MessageView;

/**
 * What erasing an account changes in chat's tables, statement by statement on the transaction that applies
 * account-service's feed. Plain SQL on that transaction's connection: no Hibernate session exists there, and each
 * step is one statement over all of the user's conversations.
 */
@ApplicationScoped
public class ErasureRepository {

    // Members events show their read mark only while they share read receipts (m is the members row).
    private static final String SHOWN_READ_MARK = """
            CASE WHEN EXISTS (SELECT 1 FROM chat.receipts_hidden h WHERE h.user_id = m.user_id) THEN NULL
                 ELSE m.last_read_seq END AS last_read_seq""";

    /** A conversation the user is in or wrote in, locked until the transaction ends. */
    public record Locked(long id, String kind) {

        public boolean isGroup() {
            return Conversation.GROUP.equals(kind);
        }
    }

    /** A membership that was removed, or changed, in a conversation. */
    public record Membership(long conversationId, MemberView member) {
    }

    /**
     * Locks, in id order, every conversation the user is a member of or has a message left in: every write takes a
     * conversation's lock before anything in it, so erasing queues behind sends instead of deadlocking with them.
     */
    public Uni<List<Locked>> lockConversationsOf(SqlConnection tx, long userId) {
        return tx.preparedQuery("""
                SELECT id, kind FROM chat.conversations
                 WHERE id IN (SELECT conversation_id FROM chat.members WHERE user_id = $1
                              UNION SELECT conversation_id FROM chat.messages
                                     WHERE sender_id = $1 AND deleted_at IS NULL)
                 ORDER BY id FOR UPDATE""")
                .execute(Tuple.of(userId)).map(rows -> all(rows, row -> new Locked(row.getLong("id"),
                        row.getString("kind"))));
    }

    /**
     * Turns the user's messages into tombstones (no body, deleted, same seq), taking their mentions, reactions and
     * pins with them; answers them as clients see them.
     */
    public Uni<List<MessageView>> tombstone(SqlConnection tx, long userId, Instant now) {
        return tx.preparedQuery("""
                WITH gone AS (
                       UPDATE chat.messages SET body = NULL, deleted_at = $2, mentions = '{}'
                        WHERE sender_id = $1 AND deleted_at IS NULL
                       RETURNING id, conversation_id, seq, sender_id, client_message_id, created_at, edited_at),
                     unmentioned AS (
                       DELETE FROM chat.mentions x USING gone g
                        WHERE x.conversation_id = g.conversation_id AND x.seq = g.seq),
                     unreacted AS (DELETE FROM chat.reactions x USING gone g WHERE x.message_id = g.id),
                     uncounted AS (DELETE FROM chat.reaction_totals x USING gone g WHERE x.message_id = g.id),
                     unpinned AS (DELETE FROM chat.pins x USING gone g WHERE x.message_id = g.id)
                SELECT * FROM gone""")
                .execute(Tuple.of(userId, now.atOffset(ZoneOffset.UTC)))
                .map(rows -> all(rows, row -> new MessageView(row.getLong("id"), row.getLong("conversation_id"),
                        row.getLong("seq"), row.getLong("sender_id"), null, row.getString("client_message_id"),
                        instant(row, "created_at"), instant(row, "edited_at"), true, null, List.of(), List.of(),
                        false, List.of())));
    }

    /**
     * Takes the user's reactions away from every message, and their counts; the messages are marked changed for
     * sync.
     */
    public Uni<Void> forgetReactions(SqlConnection tx, long userId) {
        return tx.preparedQuery("""
                WITH mine AS (DELETE FROM chat.reactions WHERE user_id = $1 RETURNING message_id, emoji),
                     counted AS (SELECT message_id, emoji, count(*) AS n FROM mine GROUP BY message_id, emoji),
                     last AS (
                       DELETE FROM chat.reaction_totals t USING counted c
                        WHERE t.message_id = c.message_id AND t.emoji = c.emoji AND t.count = c.n),
                     fewer AS (
                       UPDATE chat.reaction_totals t SET count = t.count - c.n FROM counted c
                        WHERE t.message_id = c.message_id AND t.emoji = c.emoji AND t.count > c.n)
                UPDATE chat.messages SET changed_xid = pg_current_xact_id()
                 WHERE id IN (SELECT message_id FROM counted)""")
                .execute(Tuple.of(userId)).replaceWithVoid();
    }

    /** Removes the user from every conversation; answers the memberships as they were. */
    public Uni<List<Membership>> removeMemberships(SqlConnection tx, long userId) {
        return tx.preparedQuery("""
                DELETE FROM chat.members m WHERE m.user_id = $1
                RETURNING m.conversation_id, m.user_id, m.role, m.joined_at, """ + SHOWN_READ_MARK)
                .execute(Tuple.of(userId)).map(rows -> all(rows, ErasureRepository::membership));
    }

    /** Makes the longest-standing member the owner of each of the groups that has members but no owner left. */
    public Uni<List<Membership>> passOwnership(SqlConnection tx, List<Long> groupIds) {
        return tx.preparedQuery("""
                UPDATE chat.members m SET role = 'owner'
                  FROM (SELECT DISTINCT ON (conversation_id) id FROM chat.members c
                         WHERE conversation_id = ANY($1)
                           AND NOT EXISTS (SELECT 1 FROM chat.members o
                                            WHERE o.conversation_id = c.conversation_id AND o.role = 'owner')
                         ORDER BY conversation_id, joined_at, id) heir
                 WHERE m.id = heir.id
                RETURNING m.conversation_id, m.user_id, m.role, m.joined_at, """ + SHOWN_READ_MARK)
                .execute(Tuple.of(ids(groupIds))).map(rows -> all(rows, ErasureRepository::membership));
    }

    /** Deletes those of the conversations nobody is a member of any more (their messages go with them). */
    public Uni<List<Long>> deleteEmpty(SqlConnection tx, List<Long> conversationIds) {
        return tx.preparedQuery("""
                DELETE FROM chat.conversations c
                 WHERE id = ANY($1) AND NOT EXISTS (SELECT 1 FROM chat.members m WHERE m.conversation_id = c.id)
                RETURNING id""")
                .execute(Tuple.of(ids(conversationIds))).map(rows -> all(rows, row -> row.getLong("id")));
    }

    /** Marks the conversations changed (for sync), and answers each one's members. */
    public Uni<Map<Long, List<Long>>> touch(SqlConnection tx, List<Long> conversationIds) {
        return tx.preparedQuery("UPDATE chat.conversations SET kind = kind WHERE id = ANY($1)")
                .execute(Tuple.of(ids(conversationIds)))
                .chain(() -> MemberRows.byConversation(tx, conversationIds));
    }

    private static Membership membership(Row row) {
        return new Membership(row.getLong("conversation_id"), new MemberView(row.getLong("user_id"),
                row.getString("role"), instant(row, "joined_at"), row.getLong("last_read_seq")));
    }

    private static Instant instant(Row row, String column) {
        var value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static Long[] ids(List<Long> ids) {
        return ids.toArray(Long[]::new);
    }

    private static <T> List<T> all(RowSet<Row> rows, Function<Row, T> map) {
        List<T> items = new ArrayList<>(rows.rowCount());
        for (Row row : rows) {
            items.add(map.apply(row));
        }
        return items;
    }
}
