package dev.parley.friendship.api;

/** Body naming another user: {@code {"user_id": 42}}. */
public record UserTarget(Long userId) {
}
