package dev.parley.common.events;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event of a feed. {@code key} names what it is about (a session, a pair of users); for state events, a later
 * event of the same key replaces an earlier one, and {@code position} orders them.
 */
public record FeedEvent(String cursor, long position, String type, String key, JsonNode data, Instant occurredAt) {

    public FeedCursor place() {
        return FeedCursor.parse(cursor);
    }
}
