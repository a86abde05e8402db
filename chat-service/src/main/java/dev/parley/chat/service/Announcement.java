package dev.parley.chat.service;

import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An event on its way between replicas: the frame sockets receive, who receives it, and when it was announced. A
 * message event too large to travel whole carries only the message's id; {@link #complete()} says which it is.
 *
 * @param event the frame ({@code type}, {@code conversation_id}, {@code seq}, {@code data})
 * @param recipients user ids; empty for a reference, whose recipients are the conversation's members
 * @param messageId the message to load into {@code data} for a reference, else null
 * @param announcedAt epoch milliseconds, for delivery latency
 */
public record Announcement(ObjectNode event, List<Long> recipients, Long messageId, long announcedAt) {

    public Announcement {
        recipients = List.copyOf(recipients);
    }

    static Announcement of(ObjectNode event, Collection<Long> recipients, long announcedAt) {
        return new Announcement(event, List.copyOf(recipients), null, announcedAt);
    }

    /** Whether it carries its data and recipients, or must be completed from the database first. */
    public boolean complete() {
        return messageId == null;
    }

    public long conversationId() {
        return event.get("conversation_id").asLong();
    }
}
