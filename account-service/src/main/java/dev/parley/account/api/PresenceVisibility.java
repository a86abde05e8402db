package dev.parley.account.api;

/**
 * The data of the account feed's {@value #TYPE} state event, keyed by the user id: whether others may see the user's
 * presence. Published when the setting changes; the newest event of a user is the setting.
 */
public record PresenceVisibility(long userId, boolean visible) {

    /** The event's type. */
    public static final String TYPE = "presence.visibility";
}
