package dev.parley.chat.repository;

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
}
