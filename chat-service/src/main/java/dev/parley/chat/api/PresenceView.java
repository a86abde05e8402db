package dev.parley.chat.api;

import java.time.Instant;

/**
 * A user's presence as their friends see it: online, or offline since {@code last_seen_at} (to the minute; null
 * while online, and for a user never seen or who hides their presence).
 */
public record PresenceView(long userId, boolean online, Instant lastSeenAt) {
}
