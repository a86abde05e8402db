package dev.parley.common.events;

import dev.parley.common.error.ApiException;

/**
 * A place in a feed: the position of the last event read. Positions are given at commit, one publishing commit at a
 * time (see the outbox's migration), so they become visible in order and reading on from a position never skips an
 * event that committed late.
 */
public record FeedCursor(long position) implements Comparable<FeedCursor> {

    /** Before every event. */
    public static final FeedCursor START = new FeedCursor(0);

    /** Parses a position as written by {@link #toString()}; anything else is a 400. */
    public static FeedCursor parse(String text) {
        if (text == null || text.isEmpty()) {
            return START;
        }
        try {
            long position = Long.parseLong(text);
            if (position >= 0 && Character.isDigit(text.charAt(0))) {
                return new FeedCursor(position);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("Invalid feed cursor");
    }

    @Override
    public int compareTo(FeedCursor other) {
        return Long.compare(position, other.position);
    }

    public boolean isAfter(FeedCursor other) {
        return compareTo(other) > 0;
    }

    @Override
    public String toString() {
        return Long.toString(position);
    }
}
