package dev.parley.friendship.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.parley.common.error.ApiException;
import dev.parley.common.paging.Keyset;
import dev.parley.common.paging.Page;
import dev.parley.common.time.Timestamps;
import dev.parley.friendship.Friendship;
import dev.parley.friendship.FriendshipEvent.Type;
import dev.parley.friendship.api.FriendView;
import dev.parley.friendship.api.RelationshipView;
import dev.parley.friendship.repository.BlockRepository;
import dev.parley.friendship.repository.FriendshipEventRepository;
import dev.parley.friendship.repository.FriendshipRepository;
import dev.parley.friendship.repository.PairLocks;

/** The caller's friends, where the caller stands with one user, and ending a friendship. */
@ApplicationScoped
public class FriendshipService {

    private final FriendshipRepository friendships;
    private final BlockRepository blocks;
    private final FriendshipEventRepository events;
    private final PairLocks locks;
    private final RelationshipEvents published;

    public FriendshipService(FriendshipRepository friendships, BlockRepository blocks,
            FriendshipEventRepository events, PairLocks locks, RelationshipEvents published) {
        this.friendships = friendships;
        this.blocks = blocks;
        this.events = events;
        this.locks = locks;
        this.published = published;
    }

    public Uni<Page<FriendView>> friends(long callerId, String cursor, int limit) {
        return friendships.friendsOf(callerId, Keyset.after(cursor), limit + 1)
                .map(rows -> Page.of(rows, limit, f -> FriendView.of(f, callerId),
                        f -> Keyset.cursorAfter(f.acceptedAt, f.id)));
    }

    /** The caller's relationship with the user, as chat-service asks it before letting them talk. */
    @WithSession
    public Uni<RelationshipView> relationship(long callerId, long userId) {
        if (userId == callerId) {
            return Uni.createFrom().item(new RelationshipView(userId, RelationshipView.NONE));
        }
        return blocks.exists(callerId, userId).chain(callerBlocked -> {
            if (callerBlocked) {
                return Uni.createFrom().item(RelationshipView.BLOCKED);
            }
            // Being blocked by the other user reads as no relationship at all.
            return blocks.exists(userId, callerId).chain(blockedByThem -> blockedByThem
                    ? Uni.createFrom().item(RelationshipView.NONE)
                    : friendships.findPair(callerId, userId).map(pair -> statusOf(pair, callerId)));
        }).map(status -> new RelationshipView(userId, status));
    }

    @WithTransaction
    public Uni<Void> unfriend(long callerId, long userId) {
        Instant now = Timestamps.now();
        return locks.exclusive(callerId, userId)
                .chain(() -> friendships.lockPair(callerId, userId))
                .invoke(pair -> {
                    if (pair == null || pair.isPending()) {
                        throw ApiException.notFound("You are not friends with user " + userId);
                    }
                })
                .call(friendships::remove)
                .call(() -> events.record(Type.REMOVED, callerId, userId, now))
                .call(() -> published.changed(callerId, userId))
                .replaceWithVoid();
    }

    private static String statusOf(Friendship pair, long callerId) {
        if (pair == null) {
            return RelationshipView.NONE;
        }
        if (!pair.isPending()) {
            return RelationshipView.FRIENDS;
        }
        return pair.requesterId == callerId ? RelationshipView.OUTGOING : RelationshipView.INCOMING;
    }
}
