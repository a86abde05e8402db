package dev.parley.friendship.repository;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

import dev.parley.common.paging.Keyset;
import dev.parley.friendship.Friendship;

/** Friend requests and friendships, one row per pair of users. */
@ApplicationScoped
@WithSession
public class FriendshipRepository implements PanacheRepository<Friendship> {

    private static final String PAIR = "userLow = :low and userHigh = :high";

    /** The pair's row without a lock, or null. */
    public Uni<Friendship> findPair(long a, long b) {
        return find(PAIR, pair(a, b)).firstResult();
    }

    /**
     * Deletes the row. A bulk delete by id rather than the entity's removal at flush: under concurrent load the
     * latter can fail with HR000069 or never complete (quarkusio/quarkus#41945).
     */
    public Uni<Void> remove(Friendship row) {
        return delete("id", row.id).replaceWithVoid();
    }

    /** Whether the two users are friends (an accepted row), as the transaction sees it now. */
    public Uni<Boolean> areFriends(long a, long b) {
        return count(PAIR + " and acceptedAt is not null", pair(a, b)).map(n -> n > 0);
    }

    /** The two users of a request, without loading it (so a later {@link #lock} reads it afresh), or null. */
    public Uni<Users> usersOf(long id) {
        return find("id", id).project(Users.class).firstResult();
    }

    /** The two users of a row. */
    public record Users(Long requesterId, Long addresseeId) {
    }

    /** The pair's row, locked until the transaction ends, or null when the pair has none. */
    public Uni<Friendship> lockPair(long a, long b) {
        return find(PAIR, pair(a, b)).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<Friendship> lock(long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<Long> countPendingFrom(long requesterId) {
        return count("requesterId = ?1 and acceptedAt is null", requesterId);
    }

    /** Pending requests sent by the user, newest first, after the cursor position. */
    public Uni<List<Friendship>> pendingFrom(long requesterId, Keyset after, int limit) {
        return pending("requesterId", requesterId, after, limit);
    }

    /** Pending requests sent to the user, newest first, after the cursor position. */
    public Uni<List<Friendship>> pendingTo(long addresseeId, Keyset after, int limit) {
        return pending("addresseeId", addresseeId, after, limit);
    }

    /** The user's friendships, most recent first, after the cursor position. */
    public Uni<List<Friendship>> friendsOf(long userId, Keyset after, int limit) {
        return find("(requesterId = :user or addresseeId = :user) and acceptedAt is not null"
                + Keyset.condition(after, "acceptedAt", "id") + Keyset.orderBy("acceptedAt", "id"),
                Keyset.parameters(after, Map.of("user", userId))).range(0, limit - 1).list();
    }

    private Uni<List<Friendship>> pending(String side, long userId, Keyset after, int limit) {
        return find(side + " = :user and acceptedAt is null" + Keyset.condition(after, "createdAt", "id")
                + Keyset.orderBy("createdAt", "id"), Keyset.parameters(after, Map.of("user", userId)))
                .range(0, limit - 1).list();
    }

    private static Parameters pair(long a, long b) {
        return Parameters.with("low", Math.min(a, b)).and("high", Math.max(a, b));
    }
}
