package dev.parley.chat.api;

/** Body of {@code POST /v1/conversations/{id}/members}. */
public record NewMember(Long userId) {
}
