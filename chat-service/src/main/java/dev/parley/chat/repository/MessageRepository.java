package dev.parley.chat.repository;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

import dev.parley.chat.Message;

/** Messages by conversation and seq. */
@ApplicationScoped
@WithSession
public class MessageRepository implements PanacheRepository<Message> {

    public Uni<Message> findInConversation(long conversationId, long messageId) {
        return find("id = ?1 and conversationId = ?2", messageId, conversationId).firstResult();
    }

    public Uni<Message> findByClientId(long conversationId, long senderId, String clientMessageId) {
        return find("conversationId = ?1 and senderId = ?2 and clientMessageId = ?3", conversationId, senderId,
                clientMessageId).firstResult();
    }

    /** Newest first, below {@code beforeSeq}. */
    public Uni<List<Message>> before(long conversationId, long beforeSeq, int limit) {
        return find("conversationId = ?1 and seq < ?2 order by seq desc", conversationId, beforeSeq)
                .range(0, limit - 1).list();
    }

    /** Oldest first, above {@code afterSeq}. */
    public Uni<List<Message>> after(long conversationId, long afterSeq, int limit) {
        return find("conversationId = ?1 and seq > ?2 order by seq", conversationId, afterSeq)
                .range(0, limit - 1).list();
    }

    /** The newest message of each of the conversations. */
    public Uni<List<Message>> latestOf(List<Long> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("""
                select m from Message m, Conversation c
                 where m.conversationId = c.id and m.seq = c.lastSeq and c.id in :ids""",
                Parameters.with("ids", conversationIds));
    }

    /**
     * What {@link #changedSince} counts for a message besides its body and client id: less than the JSON of any
     * message without them, so a caller measuring the JSON always reaches its budget before this estimate does.
     */
    public static final int MESSAGE_OVERHEAD = 100;

    /**
     * Messages of the conversations changed by a transaction at or after {@code sinceXid}, in conversation and seq
     * order, at most {@code perConversation} of each (one more is fetched to tell whether there are more). Reading
     * stops once the bodies and client ids read, plus {@link #MESSAGE_OVERHEAD} each, reach {@code maxBytes}: the
     * message that reaches it is the last one returned.
     */
    public Uni<List<Message>> changedSince(List<Long> conversationIds, String sinceXid, int perConversation,
            long maxBytes) {
        if (conversationIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        // Sizes are summed in the database so that no more than one answer's worth of bodies is ever loaded.
        return getSession().chain(session -> session.createNativeQuery("""
                SELECT id, conversation_id, seq, sender_id, body, client_message_id, created_at, edited_at,
                       deleted_at
                  FROM (SELECT limited.*, sum(size) OVER (ORDER BY conversation_id, seq) - size AS before
                          FROM (SELECT m.*,
                                       row_number() OVER (PARTITION BY conversation_id ORDER BY seq) AS position,
                                       octet_length(coalesce(body, '')) + octet_length(coalesce(client_message_id, ''))
                                           + :overhead AS size
                                  FROM chat.messages m
                                 WHERE conversation_id IN (:ids) AND changed_xid >= CAST(:since AS xid8)) limited
                         WHERE position <= :limit) counted
                 WHERE before < :budget
                 ORDER BY conversation_id, seq""", Message.class)
                .setParameter("ids", conversationIds)
                .setParameter("since", sinceXid)
                .setParameter("limit", perConversation + 1)
                .setParameter("overhead", MESSAGE_OVERHEAD)
                .setParameter("budget", maxBytes)
                .getResultList());
    }

    /** Where a stored message landed, and who was a member of its conversation when it did. */
    public record Placed(long id, long seq, List<Long> members) {
    }

    /**
     * Stores a message in one statement: takes the conversation's next seq (and its row lock, held until the
     * transaction ends) if the sender is a member, inserts the message and moves the sender's read mark to it. One
     * round trip keeps the conversation's lock as short as it can be.
     *
     * @return where it landed, or null when the conversation does not exist or the sender is not a member
     */
    public Uni<Placed> store(long conversationId, long senderId, String body, String clientMessageId,
            Instant createdAt) {
        return getSession().chain(session -> session.createNativeQuery(STORE, Object[].class)
                .setParameter(1, conversationId)
                .setParameter(2, senderId)
                .setParameter(3, body)
                .setParameter(4, clientMessageId)
                .setParameter(5, createdAt)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : placed(rows.get(0)));
    }

    private static Placed placed(Object[] row) {
        List<Long> members = Arrays.stream(((String) row[2]).split(",")).map(Long::valueOf).toList();
        return new Placed(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), members);
    }

    // Members come back as text: a bigint[] column has no portable mapping in a native query's row.
    private static final String STORE = """
            WITH next AS (
                   UPDATE chat.conversations SET last_seq = last_seq + 1, last_activity_at = ?5
                    WHERE id = ?1
                      AND EXISTS (SELECT 1 FROM chat.members WHERE conversation_id = ?1 AND user_id = ?2)
                   RETURNING last_seq),
                 stored AS (
                   INSERT INTO chat.messages (conversation_id, seq, sender_id, body, client_message_id, created_at)
                   SELECT ?1, last_seq, ?2, ?3, ?4, ?5 FROM next
                   RETURNING id, seq),
                 mark AS (
                   UPDATE chat.members m SET last_read_seq = stored.seq FROM stored
                    WHERE m.conversation_id = ?1 AND m.user_id = ?2 AND m.last_read_seq < stored.seq)
            SELECT stored.id, stored.seq,
                   (SELECT string_agg(CAST(user_id AS text), ',') FROM chat.members WHERE conversation_id = ?1)
              FROM stored""";
}
