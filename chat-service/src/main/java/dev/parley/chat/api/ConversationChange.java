package dev.parley.chat.api;

/** Body of {@code PATCH /v1/conversations/{id}}. */
public record ConversationChange(String title) {
}
