package dev.parley.chat.api;

import java.time.Instant;

import dev.parley.chat.Message;

/** A message as clients see it; a deleted one keeps its place but loses its body. */
public record MessageView(long id, long conversationId, long seq, long senderId, String body,
        String clientMessageId, Instant createdAt, Instant editedAt, boolean deleted) {

    public static MessageView of(Message message) {
        return new MessageView(message.id, message.conversationId, message.seq, message.senderId,
                message.isDeleted() ? null : message.body, message.clientMessageId, message.createdAt,
                message.editedAt, message.isDeleted());
    }
}
