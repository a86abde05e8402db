package dev.parley.chat.api;

import java.time.Instant;

/** A user who reacted to a message with an emoji, and when. */
public record Reactor(long userId, Instant reactedAt) {
}
