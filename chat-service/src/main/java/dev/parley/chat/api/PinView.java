package dev.parley.chat.api;

import java.time.Instant;

/** A pinned message, with who pinned it and when. */
public record PinView(MessageView message, long pinnedBy, Instant pinnedAt) {
}
