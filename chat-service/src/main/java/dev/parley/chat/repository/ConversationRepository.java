package dev.parley.chat.repository;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import dev.parley.chat.Conversation;
import dev.parley.common.paging.Keyset;

/** Conversations, and the seq counter every message takes its place from. */
@ApplicationScoped
@WithSession
public class ConversationRepository implements PanacheRepository<Conversation> {

    public Uni<Conversation> findDirect(String directKey) {
        return find("directKey", directKey).firstResult();
    }

    /** The conversation, its row locked until the transaction ends; null when there is none. */
    public Uni<Conversation> lock(long conversationId) {
        return findById(conversationId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Marks the conversation changed (for sync) without changing what clients see. */
    public Uni<Integer> touch(long conversationId) {
        return update("kind = kind where id = ?1", conversationId);
    }

    /** A conversation with one member's read mark in it. */
    public record WithReadMark(Conversation conversation, long lastReadSeq) {
    }

    /** The user's conversations with their read marks, most recent activity first, after the position. */
    public Uni<List<WithReadMark>> listForUser(long userId, Keyset after, int limit) {
        return getSession().chain(session -> {
            var query = session.createSelectionQuery("""
                    select c, m.lastReadSeq from Conversation c, Member m
                     where m.conversationId = c.id and m.userId = :user"""
                    + Keyset.condition(after, "c.lastActivityAt", "c.id")
                    + Keyset.orderBy("c.lastActivityAt", "c.id"), Object[].class);
            Keyset.parameters(after, Map.of("user", userId)).forEach(query::setParameter);
            return query.setMaxResults(limit).getResultList();
        }).map(ConversationRepository::withReadMarks);
    }

    /** The user's conversations among {@code ids}, with their read marks, by id. */
    public Uni<List<WithReadMark>> withReadMarks(long userId, List<Long> ids) {
        return getSession().chain(session -> session.createSelectionQuery("""
                select c, m.lastReadSeq from Conversation c, Member m
                 where m.conversationId = c.id and m.userId = :user and c.id in :ids
                 order by c.id""", Object[].class)
                .setParameter("user", userId)
                .setParameter("ids", ids)
                .getResultList())
                .map(ConversationRepository::withReadMarks);
    }

    private static List<WithReadMark> withReadMarks(List<Object[]> rows) {
        return rows.stream().map(row -> new WithReadMark((Conversation) row[0], (Long) row[1])).toList();
    }

    /**
     * Ids of the user's conversations changed by a transaction at or after {@code sinceXid} (the conversation, one
     * of its messages, or one of its memberships), after {@code afterId}, by id.
     */
    public Uni<List<Long>> changedFor(long userId, String sinceXid, long afterId, int limit) {
        return getSession().chain(session -> session.createNativeQuery("""
                SELECT c.id FROM chat.conversations c JOIN chat.members m ON m.conversation_id = c.id
                 WHERE m.user_id = :user AND c.id > :after
                   AND (c.changed_xid >= CAST(:since AS xid8)
                        OR EXISTS (SELECT 1 FROM chat.members o WHERE o.conversation_id = c.id
                                      AND o.changed_xid >= CAST(:since AS xid8)))
                 ORDER BY c.id LIMIT :limit""", Long.class)
                .setParameter("user", userId)
                .setParameter("since", sinceXid)
                .setParameter("after", afterId)
                .setParameter("limit", limit)
                .getResultList());
    }
}
