package dev.parley.account.api;

/**
 * Body of {@code PATCH /v1/users/me}, as documented: only the keys present change; {@code location} or
 * {@code avatar_url} set to null clears them, {@code presence_visible} and {@code read_receipts} must be true or
 * false. Read as a JSON tree, since "absent" and "null" mean different things.
 */
public record ProfileChanges(String username, String location, String avatarUrl, Boolean presenceVisible,
        Boolean readReceipts) {
}
