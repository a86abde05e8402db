package dev.parley.chat.api;

import java.time.Instant;

/**
 * The data of {@code pin.added} and {@code pin.removed}: the message, who pinned or unpinned it (for a pin taken away
 * by deleting the message, its author), and when.
 */
public record PinChange(long messageId, long userId, Instant at) {
}
