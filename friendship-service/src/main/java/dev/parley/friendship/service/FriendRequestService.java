package dev.parley.friendship.service;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.parley.common.error.ApiException;
import dev.parley.common.limits.RateLimiter;
import dev.parley.common.persistence.UniqueViolation;
import dev.parley.common.time.Timestamps;
import dev.parley.friendship.Friendship;
import dev.parley.friendship.FriendshipEvent.Type;
import dev.parley.friendship.api.FriendRequestView;
import dev.parley.friendship.api.UserTarget;
import dev.parley.friendship.client.AccountDirectory;
import dev.parley.friendship.config.FriendshipConfig;
import dev.parley.friendship.repository.BlockRepository;
import dev.parley.friendship.repository.FriendshipEventRepository;
import dev.parley.friendship.repository.FriendshipRepository;
import dev.parley.friendship.repository.PairLocks;
import dev.parley.friendship.service.FriendRequestMetrics.Outcome;

/**
 * Sending friend requests. A request to someone whose own request to the caller is pending accepts theirs, so two
 * users who ask each other at the same moment end up friends rather than with two requests.
 */
@ApplicationScoped
public class FriendRequestService {

    static final String TOO_MANY = "Too many friend requests; try again later";

    private final FriendshipRepository friendships;
    private final BlockRepository blocks;
    private final FriendshipEventRepository events;
    private final PairLocks locks;
    private final AccountDirectory accounts;
    private final FriendRequestMetrics metrics;
    private final RateLimiter rateLimiter;
    private final RelationshipEvents published;
    private final FriendshipConfig.Requests limits;

    public FriendRequestService(FriendshipRepository friendships, BlockRepository blocks,
            FriendshipEventRepository events, PairLocks locks, AccountDirectory accounts,
            FriendRequestMetrics metrics, RateLimiter rateLimiter, RelationshipEvents published,
            FriendshipConfig config) {
        this.friendships = friendships;
        this.blocks = blocks;
        this.events = events;
        this.locks = locks;
        this.accounts = accounts;
        this.metrics = metrics;
        this.rateLimiter = rateLimiter;
        this.published = published;
        this.limits = config.requests();
    }

    /** The new pending request, or the caller's acceptance of the other user's pending one. */
    public Uni<FriendRequestView> send(long callerId, UserTarget body) {
        long targetId = Targets.userId(body);
        if (targetId == callerId) {
            metrics.record(Outcome.REJECTED);
            throw ApiException.badRequest("You cannot befriend yourself");
        }
        return rateLimiter.enforce("friend-requests", Long.toString(callerId), limits.perUser(), TOO_MANY)
                .chain(() -> accounts.find(targetId))
                .chain(user -> {
                    if (user.isEmpty()) {
                        throw Targets.userNotFound(targetId);
                    }
                    return decide(callerId, targetId)
                            // The other user's request committed between our read and our insert: it is there now.
                            .onFailure(e -> UniqueViolation.of(e, "friendships_pair_key"))
                            .recoverWithUni(() -> decide(callerId, targetId));
                })
                .invoke(view -> metrics.record(view.isPending() ? Outcome.CREATED : Outcome.ACCEPTED))
                .onFailure(e -> e instanceof ApiException api && api.status() < 500)
                .invoke(() -> metrics.record(Outcome.REJECTED));
    }

    @WithTransaction
    Uni<FriendRequestView> decide(long callerId, long targetId) {
        Instant now = Timestamps.now();
        return locks.shared(callerId, targetId)
                .chain(() -> blocks.eitherWay(callerId, targetId))
                .chain(blocked -> {
                    if (blocked) {
                        // Indistinguishable from an unknown user: a block is never revealed.
                        throw Targets.userNotFound(targetId);
                    }
                    return friendships.lockPair(callerId, targetId);
                })
                .chain(existing -> existing == null
                        ? create(callerId, targetId, now)
                        : answerExisting(existing, callerId, now))
                .call(() -> published.changed(callerId, targetId))
                .map(FriendRequestView::of);
    }

    private Uni<Friendship> answerExisting(Friendship existing, long callerId, Instant now) {
        if (!existing.isPending()) {
            throw ApiException.conflict("You are already friends");
        }
        if (existing.requesterId == callerId) {
            throw ApiException.conflict("A friend request is already pending");
        }
        existing.acceptedAt = now;
        return events.record(Type.ACCEPTED, callerId, existing.requesterId, now).replaceWith(existing);
    }

    private Uni<Friendship> create(long callerId, long targetId, Instant now) {
        return friendships.countPendingFrom(callerId)
                .invoke(pending -> {
                    if (pending >= limits.maxPendingOutgoing()) {
                        throw new ApiException(429, "Too many pending friend requests");
                    }
                })
                .chain(() -> events.lastDecline(targetId, callerId))
                .invoke(declinedAt -> {
                    Instant allowedAt = declinedAt == null ? null : declinedAt.plus(limits.declineCooldown());
                    if (allowedAt != null && allowedAt.isAfter(now)) {
                        throw ApiException.tooManyRequests(
                                "This user declined your request recently; try again later",
                                Duration.between(now, allowedAt).toSeconds() + 1);
                    }
                })
                .chain(() -> friendships.persistAndFlush(Friendship.request(callerId, targetId, now)))
                .call(() -> events.record(Type.REQUESTED, callerId, targetId, now));
    }
}
