package dev.parley.chat.api;

import java.util.List;

/**
 * Body of {@code POST /v1/conversations/{id}/messages}; {@code client_message_id} makes a resend harmless,
 * {@code reply_to} quotes a message of the same conversation and {@code mentions} names members.
 */
public record NewMessage(String body, String clientMessageId, Long replyTo, List<Long> mentions) {
}
