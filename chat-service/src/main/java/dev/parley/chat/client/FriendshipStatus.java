package dev.parley.chat.client;

/** chat-service's copy of friendship-service's answer to {@code GET /v1/friendships/{user_id}}. */
public record FriendshipStatus(long userId, String status) {

    public boolean friends() {
        return "friends".equals(status);
    }
}
