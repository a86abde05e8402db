package dev.parley.friendship.client;

/** A user as account-service describes it ({@code GET /v1/users/{id}}); this service's own copy of that shape. */
public record AccountUser(long id, String username, String location, String avatarUrl) {
}
