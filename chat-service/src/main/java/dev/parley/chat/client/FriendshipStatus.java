package dev.parley.chat.client;

/** chat-service's copy of friendship-service's answer to {@code GET /v1/friendships/{user_id}}. */
public record FriendshipStatus(long userId, String status) {

    public static final String NONE = "none";

    public boolean friends() {
        return "friends".equals(status);
    }

    /** Whether the caller blocks the user (being blocked by them reads as no relationship). */
    public boolean blocked() {
        return "blocked".equals(status);
    }
}
