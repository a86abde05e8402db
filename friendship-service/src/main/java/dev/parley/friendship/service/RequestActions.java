package dev.parley.friendship.service;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.parley.common.error.ApiException;
import dev.parley.common.paging.Keyset;
import dev.parley.common.paging.Page;
import dev.parley.common.time.Timestamps;
import dev.parley.friendship.Friendship;
import dev.parley.friendship.FriendshipEvent.Type;
import dev.parley.friendship.api.FriendRequestView;
import dev.parley.friendship.repository.FriendshipEventRepository;
import dev.parley.friendship.repository.FriendshipRepository;
import dev.parley.friendship.repository.PairLocks;
import dev.parley.friendship.service.FriendRequestMetrics.Outcome;

/**
 * What the two sides of a pending request may do with it: the addressee accepts or declines, the requester
 * cancels. A request the caller may not act on answers 404, exactly like one that does not exist.
 */
@ApplicationScoped
public class RequestActions {

    private final FriendshipRepository friendships;
    private final FriendshipEventRepository events;
    private final FriendRequestMetrics metrics;
    private final PairLocks locks;
    private final RelationshipEvents published;

    public RequestActions(FriendshipRepository friendships, FriendshipEventRepository events,
            FriendRequestMetrics metrics, PairLocks locks, RelationshipEvents published) {
        this.friendships = friendships;
        this.events = events;
        this.metrics = metrics;
        this.locks = locks;
        this.published = published;
    }

    public Uni<Page<FriendRequestView>> list(long callerId, String direction, String cursor, int limit) {
        boolean incoming = "incoming".equals(direction);
        if (!incoming && !"outgoing".equals(direction)) {
            throw ApiException.badRequest("direction must be 'incoming' or 'outgoing'");
        }
        Keyset after = Keyset.after(cursor);
        Uni<List<Friendship>> rows = incoming
                ? friendships.pendingTo(callerId, after, limit + 1)
                : friendships.pendingFrom(callerId, after, limit + 1);
        return rows.map(list -> Page.of(list, limit, FriendRequestView::of,
                f -> Keyset.cursorAfter(f.createdAt, f.id)));
    }

    @WithTransaction
    public Uni<FriendRequestView> accept(long callerId, long requestId) {
        Instant now = Timestamps.now();
        return pending(requestId, request -> request.addresseeId == callerId)
                .call(request -> {
                    request.acceptedAt = now;
                    return events.record(Type.ACCEPTED, callerId, request.requesterId, now);
                })
                .call(request -> published.changed(request.requesterId, request.addresseeId))
                .map(FriendRequestView::of)
                .invoke(() -> metrics.record(Outcome.ACCEPTED));
    }

    @WithTransaction
    public Uni<Void> decline(long callerId, long requestId) {
        Instant now = Timestamps.now();
        return pending(requestId, request -> request.addresseeId == callerId)
                .call(friendships::remove)
                .call(request -> events.record(Type.DECLINED, callerId, request.requesterId, now))
                .call(request -> published.changed(request.requesterId, request.addresseeId))
                .invoke(() -> metrics.record(Outcome.DECLINED))
                .replaceWithVoid();
    }

    @WithTransaction
    public Uni<Void> cancel(long callerId, long requestId) {
        Instant now = Timestamps.now();
        return pending(requestId, request -> request.requesterId == callerId)
                .call(friendships::remove)
                .call(request -> events.record(Type.CANCELLED, callerId, request.addresseeId, now))
                .call(request -> published.changed(request.requesterId, request.addresseeId))
                .invoke(() -> metrics.record(Outcome.CANCELLED))
                .replaceWithVoid();
    }

    /**
     * The pending request, locked, when the caller is the side that may act on it; otherwise 404. The pair's lock
     * comes first, as in every change of a pair, and the request is read afresh under it.
     */
    private Uni<Friendship> pending(long requestId, Predicate<Friendship> callerMayAct) {
        return friendships.usersOf(requestId)
                .chain(users -> users == null
                        ? Uni.createFrom().<Friendship>nullItem()
                        : locks.exclusive(users.requesterId(), users.addresseeId())
                                .chain(() -> friendships.lock(requestId)))
                .map(request -> {
                    if (request == null || !request.isPending() || !callerMayAct.test(request)) {
                        throw ApiException.notFound("Friend request " + requestId + " not found");
                    }
                    return request;
                });
    }
}
