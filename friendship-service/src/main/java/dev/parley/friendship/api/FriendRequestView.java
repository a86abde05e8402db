package dev.parley.friendship.api;

import java.time.Instant;

import dev.parley.friendship.Friendship;

/** A friend request: {@code status} is {@code pending} until the addressee accepts it. */
public record FriendRequestView(long id, long requesterId, long addresseeId, String status, Instant createdAt,
        Instant acceptedAt) {

    public static final String PENDING = "pending";
    public static final String ACCEPTED = "accepted";

    public static FriendRequestView of(Friendship friendship) {
        return new FriendRequestView(friendship.id, friendship.requesterId, friendship.addresseeId,
                friendship.isPending() ? PENDING : ACCEPTED, friendship.createdAt, friendship.acceptedAt);
    }

    public boolean isPending() {
        return PENDING.equals(status);
    }
}
