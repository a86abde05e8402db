package dev.parley.account.api;

/**
 * The data of the account feed's {@value #TYPE} state event, keyed by the user id: whether others in the user's
 * conversations may see how far the user has read. Published when the setting changes; the newest event of a user
 * is the setting.
 */
public record ReadReceipts(long userId, boolean enabled) {

    /** The event's type. */
    public static final String TYPE = "read.receipts";
}
