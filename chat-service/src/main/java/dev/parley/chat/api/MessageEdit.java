package dev.parley.chat.api;

/** Body of {@code PATCH /v1/conversations/{id}/messages/{message_id}}. */
public record MessageEdit(String body) {
}
