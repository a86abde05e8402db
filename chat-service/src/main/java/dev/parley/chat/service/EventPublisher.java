package dev.parley.chat.service;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

import dev.parley.chat.api.Event;
import dev.parley.chat.config.ChatConfig;
import dev.parley.chat.repository.ConversationRepository;

/**
 * Announces events through PostgreSQL {@code NOTIFY} inside the transaction that stores the change: every replica
 * hears it once the change is committed, and never hears of a change that was rolled back. The recipients are the
 * conversation's members as the transaction sees them, looked up by the same statement that notifies.
 */
@ApplicationScoped
public class EventPublisher {

    private final ConversationRepository conversations;
    private final ObjectMapper json;
    private final String channel;

    public EventPublisher(ConversationRepository conversations, ObjectMapper json, ChatConfig config) {
        this.conversations = conversations;
        this.json = json;
        this.channel = config.stream().channel();
    }

    /** To every member of the event's conversation. */
    public Uni<Void> publish(Event event) {
        return publish(event, List.of(), null);
    }

    /** To every member of the event's conversation, and to {@code alsoTo} (e.g. a member who just left). */
    public Uni<Void> publish(Event event, Collection<Long> alsoTo) {
        return publish(event, alsoTo, null);
    }

    /**
     * A message event; should it be too large for {@code NOTIFY}, listeners load the message by {@code messageId}
     * instead.
     */
    public Uni<Void> publishMessage(Event event, long messageId) {
        return publish(event, List.of(), messageId);
    }

    private Uni<Void> publish(Event event, Collection<Long> alsoTo, Long messageId) {
        long at = System.currentTimeMillis();
        Map<String, Object> reference = new LinkedHashMap<>();
        reference.put("event", new Event(event.type(), event.conversationId(), event.seq(), null));
        reference.put("message_id", messageId);
        reference.put("at", at);
        return conversations.notifyMembers(channel, event.conversationId(), write(event), write(alsoTo), at,
                write(reference));
    }

    /** The channel events travel on. */
    public String channel() {
        return channel;
    }

    /** A value as the JSON events carry it. */
    public String json(Object value) {
        return write(value);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize event", e);
        }
    }
}
