package dev.parley.chat.api;

/** Body of {@code POST /v1/conversations/{id}/messages}; {@code client_message_id} makes a resend harmless. */
public record NewMessage(String body, String clientMessageId) {
}
