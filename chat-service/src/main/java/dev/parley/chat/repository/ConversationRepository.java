package dev.parley.chat.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import dev.parley.chat.Conversation;

/** Conversations, and the seq counter every message takes its place from. */
@ApplicationScoped
@WithSession
public class ConversationRepository implements PanacheRepository<Conversation> {

    public Uni<Conversation> findDirect(String directKey) {
        return find("directKey", directKey).firstResult();
    }

    /** Marks the conversation changed (for sync) without changing what clients see. */
    public Uni<Integer> touch(long conversationId) {
        return update("kind = kind where id = ?1", conversationId);
    }

    /** The user's conversations with their read marks, most recent activity first, after the cursor position. */
    public Uni<List<Object[]>> listForUser(long userId, Instant beforeActivity, long beforeId, int limit) {
        return getSession().chain(session -> session.createSelectionQuery("""
                select c, m.lastReadSeq from Conversation c, Member m
                 where m.conversationId = c.id and m.userId = :user
                   and (c.lastActivityAt < :at or (c.lastActivityAt = :at and c.id < :id))
                 order by c.lastActivityAt desc, c.id desc""", Object[].class)
                .setParameter("user", userId)
                .setParameter("at", beforeActivity)
                .setParameter("id", beforeId)
                .setMaxResults(limit)
                .getResultList());
    }

    /** The user's conversations among {@code ids}, with their read marks, by id. */
    public Uni<List<Object[]>> withReadMarks(long userId, List<Long> ids) {
        return getSession().chain(session -> session.createSelectionQuery("""
                select c, m.lastReadSeq from Conversation c, Member m
                 where m.conversationId = c.id and m.userId = :user and c.id in :ids
                 order by c.id""", Object[].class)
                .setParameter("user", userId)
                .setParameter("ids", ids)
                .getResultList());
    }

    /**
     * Ids of the user's conversations changed by a transaction at or after {@code sinceXid}, after {@code afterId},
     * by id.
     */
    public Uni<List<Long>> changedFor(long userId, String sinceXid, long afterId, int limit) {
        return getSession().chain(session -> session.createNativeQuery("""
                SELECT c.id FROM chat.conversations c JOIN chat.members m ON m.conversation_id = c.id
                 WHERE m.user_id = :user AND c.changed_xid >= CAST(:since AS xid8) AND c.id > :after
                 ORDER BY c.id LIMIT :limit""", Long.class)
                .setParameter("user", userId)
                .setParameter("since", sinceXid)
                .setParameter("after", afterId)
                .setParameter("limit", limit)
                .getResultList());
    }

    /** The oldest transaction still running: every change by an older one is committed or gone. */
    public Uni<String> snapshotXmin() {
        return getSession().chain(session -> session
                .createNativeQuery("SELECT CAST(pg_snapshot_xmin(pg_current_snapshot()) AS text)", String.class)
                .getSingleResult());
    }

    /**
     * Notifies the channel, when (and only if) the current transaction commits, of an event for the conversation's
     * members and {@code alsoTo}: {@code {"event", "to", "at"}}. NOTIFY payloads must stay under 8000 bytes; a larger
     * one is replaced by {@code reference}, which listeners complete from the database.
     */
    public Uni<Void> notifyMembers(String channel, long conversationId, String event, String alsoTo, long at,
            String reference) {
        return getSession().chain(session -> session.createNativeQuery(NOTIFY_MEMBERS, Long.class)
                .setParameter(1, channel)
                .setParameter(2, reference)
                .setParameter(3, event)
                .setParameter(4, conversationId)
                .setParameter(5, alsoTo)
                .setParameter(6, at)
                .getSingleResult())
                .replaceWithVoid();
    }

    // Parameters go in as text and become JSON in SQL: a String bound straight to a json parameter would arrive as
    // a JSON string, not as the document it holds.
    private static final String NOTIFY_MEMBERS = """
            SELECT count(pg_notify(?1,
                     CASE WHEN octet_length(payload) <= 7800 THEN payload ELSE ?2 END))
              FROM (SELECT CAST(json_build_object(
                             'event', CAST(CAST(?3 AS text) AS json),
                             'to', (SELECT json_agg(DISTINCT id) FROM (
                                      SELECT user_id AS id FROM chat.members WHERE conversation_id = ?4
                                      UNION ALL
                                      SELECT CAST(value AS bigint)
                                        FROM json_array_elements_text(CAST(CAST(?5 AS text) AS json))) recipients),
                             'at', CAST(?6 AS bigint)) AS text) AS payload) event""";
}
