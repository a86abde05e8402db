package dev.parley.common.events;

import dev.parley.common.error.ApiException;

/**
 * A place in a feed: the transaction that wrote an event and the event's position in it. Feeds are read in this
 * order and only up to the oldest transaction still running, so an event that commits late is never skipped.
 */
public record FeedCursor(long xid, long position) implements Comparable<FeedCursor> {

    /** Before every event. */
    public static final FeedCursor START = new FeedCursor(0, 0);

    /** Parses {@code <xid>.<position>} as written by {@link #toString()}; anything else is a 400. */
    public static FeedCursor parse(String text) {
        if (text == null || text.isEmpty()) {
            return START;
        }
        int dot = text.indexOf('.');
        try {
            FeedCursor cursor = new FeedCursor(Long.parseLong(text.substring(0, dot)),
                    Long.parseLong(text.substring(dot + 1)));
            if (cursor.xid < 0 || cursor.position < 0) {
                throw new NumberFormatException();
            }
            return cursor;
        } catch (RuntimeException e) {
            throw ApiException.badRequest("Invalid feed cursor");
        }
    }

    @Override
    public int compareTo(FeedCursor other) {
        int byXid = Long.compare(xid, other.xid);
        return byXid != 0 ? byXid : Long.compare(position, other.position);
    }

    public boolean isAfter(FeedCursor other) {
        return compareTo(other) > 0;
    }

    @Override
    public String toString() {
        return xid + "." + position;
    }
}
