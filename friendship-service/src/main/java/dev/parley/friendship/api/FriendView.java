package dev.parley.friendship.api;

import java.time.Instant;

import dev.parley.friendship.Friendship;

/** One of the caller's friends and since when they are friends. */
public record FriendView(long userId, Instant since) {

    public static FriendView of(Friendship friendship, long callerId) {
        return new FriendView(friendship.otherThan(callerId), friendship.acceptedAt);
    }
}
