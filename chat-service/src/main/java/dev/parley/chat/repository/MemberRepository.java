package dev.parley.chat.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import dev.parley.chat.Member;

/** Who belongs to which conversation, with which role, and how far they have read. */
@ApplicationScoped
@WithSession
public class MemberRepository implements PanacheRepository<Member> {

    public Uni<Member> find(long conversationId, long userId) {
        return find("conversationId = ?1 and userId = ?2", conversationId, userId).firstResult();
    }

    /** Whether the user is a member, without loading (and so caching) the membership in the session. */
    public Uni<Boolean> isMember(long conversationId, long userId) {
        return count("conversationId = ?1 and userId = ?2", conversationId, userId).map(count -> count > 0);
    }

    /** The membership row, locked until the transaction ends. */
    public Uni<Member> lock(long conversationId, long userId) {
        return find("conversationId = ?1 and userId = ?2", conversationId, userId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Members in the order they joined. */
    public Uni<List<Member>> listOf(long conversationId) {
        return list("conversationId = ?1 order by joinedAt, id", conversationId);
    }

    public Uni<List<Long>> userIds(long conversationId) {
        return find("select userId from Member where conversationId = ?1", conversationId).project(Long.class)
                .list();
    }

    public Uni<Long> countOf(long conversationId) {
        return count("conversationId", conversationId);
    }

    /** Moves the read mark forward only; an older seq leaves it as it is. */
    public Uni<Integer> advanceReadMark(long conversationId, long userId, long seq) {
        return update("lastReadSeq = ?3 where conversationId = ?1 and userId = ?2 and lastReadSeq < ?3",
                conversationId, userId, seq);
    }
}
