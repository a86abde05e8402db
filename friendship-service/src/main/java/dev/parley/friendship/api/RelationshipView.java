package dev.parley.friendship.api;

/**
 * Where the caller stands with another user: {@code none}, {@code outgoing} (the caller's request is pending),
 * {@code incoming} (theirs is), {@code friends}, or {@code blocked} (only when the caller blocked them).
 */
public record RelationshipView(long userId, String status) {

    public static final String NONE = "none";
    public static final String OUTGOING = "outgoing";
    public static final String INCOMING = "incoming";
    public static final String FRIENDS = "friends";
    public static final String BLOCKED = "blocked";
}
