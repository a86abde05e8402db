package dev.parley.chat.api;

import java.util.List;

/**
 * What changed since a sync cursor. Keep calling with {@code next_cursor} while {@code has_more} is true; later,
 * the same cursor returns only what changed after this answer.
 */
public record SyncResult(List<SyncedConversation> items, String nextCursor, boolean hasMore) {
}
