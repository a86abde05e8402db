package dev.parley.chat.api;

/** Body of {@code POST /v1/conversations/{id}/read}: the seq of the newest message read. */
public record ReadMark(Long seq) {
}
