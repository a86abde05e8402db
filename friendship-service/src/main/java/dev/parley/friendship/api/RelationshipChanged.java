package dev.parley.friendship.api;

import java.util.List;

/**
 * The state of one pair of users as this service publishes it on its feed ({@value #TYPE}, keyed
 * {@code <low id>:<high id>}): whether they are friends, and which of the two block the other, in ascending order.
 * A later event of the same pair has a higher position and replaces it.
 */
public record RelationshipChanged(long userLow, long userHigh, boolean friends, List<Long> blockedBy) {

    /** The event type. */
    public static final String TYPE = "relationship.changed";

    /** The event key of the pair. */
    public String key() {
        return userLow + ":" + userHigh;
    }
}
