package dev.parley.friendship.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/** Body naming another user: {@code {"user_id": 42}}. */
public record UserTarget(@JsonDeserialize(using = UserIdDeserializer.class) Long userId) {
}
