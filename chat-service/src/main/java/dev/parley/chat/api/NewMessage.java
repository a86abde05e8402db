package dev.parley.chat.api;

import java.util.List;

/**
 * Body of {@code POST /v1/conversations/{id}/messages}; {@code client_message_id} makes a resend harmless,
 * {@code reply_to} quotes a message of the same conversation, {@code mentions} names members and
 * {@code attachment_ids} attaches the sender's completed uploads (the body may then be empty).
 */
public record NewMessage(String body, String clientMessageId, Long replyTo, List<Long> mentions,
        List<Long> attachmentIds) {
}
