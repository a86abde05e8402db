package dev.parley.common.events;

import java.util.List;

/**
 * One answer of a feed: the events after the asked cursor, the cursor to ask from next, and how many committed
 * events lie beyond this page (0 once the reader has caught up).
 */
public record FeedPage(List<FeedEvent> events, String cursor, long behind) {

    public FeedCursor next() {
        return FeedCursor.parse(cursor);
    }
}
