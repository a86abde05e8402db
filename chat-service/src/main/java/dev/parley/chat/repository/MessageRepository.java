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
     * Messages of the conversations changed by a transaction at or after {@code sinceXid}, in seq order, at most
     * {@code perConversation} of each (one more is fetched to tell whether there are more).
     */
    public Uni<List<Message>> changedSince(List<Long> conversationIds, String sinceXid, int perConversation) {
        if (conversationIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return getSession().chain(session -> session.createNativeQuery("""
                SELECT id, conversation_id, seq, sender_id, body, client_message_id, created_at, edited_at,
                       deleted_at
                  FROM (SELECT m.*, row_number() OVER (PARTITION BY conversation_id ORDER BY seq) AS position
                          FROM chat.messages m
                         WHERE conversation_id IN (:ids) AND changed_xid >= CAST(:since AS xid8)) changed
                 WHERE position <= :limit
                 ORDER BY conversation_id, seq""", Message.class)
                .setParameter("ids", conversationIds)
                .setParameter("since", sinceXid)
                .setParameter("limit", perConversation + 1)
                .getResultList());
    }
}
