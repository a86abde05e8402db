package dev.parley.chat.api;

/** Body of {@code PATCH /v1/conversations/{id}/members/{user_id}}. */
public record RoleChange(String role) {
}
