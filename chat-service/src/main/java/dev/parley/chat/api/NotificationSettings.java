package dev.parley.chat.api;

import java.time.Instant;

/**
 * A user's choices for all their pushes: {@code previews} (the message's text in the push) and no pushes before
 * {@code quiet_until}. Body of {@code PUT /v1/notifications/settings} and its answer.
 */
public record NotificationSettings(Boolean previews, Instant quietUntil) {
}
