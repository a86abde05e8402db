package dev.parley.chat.api;

import java.time.Instant;

/**
 * A message found by {@code GET /v1/search/messages}: where it is, who sent it when, and a short excerpt of its body
 * around the first match ({@code snippet}, at most 120 characters).
 */
public record SearchHit(long conversationId, long messageId, long seq, long senderId, Instant createdAt,
        String snippet) {
}
