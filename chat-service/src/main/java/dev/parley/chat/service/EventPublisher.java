package dev.parley.chat.service;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
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
 * hears it once the change is committed, and never hears of a change that was rolled back.
 */
@ApplicationScoped
public class EventPublisher {

    // NOTIFY payloads must stay under 8000 bytes; larger events travel as a reference the listener resolves.
    static final int MAX_PAYLOAD_BYTES = 7800;

    private final ConversationRepository conversations;
    private final ObjectMapper json;
    private final String channel;

    public EventPublisher(ConversationRepository conversations, ObjectMapper json, ChatConfig config) {
        this.conversations = conversations;
        this.json = json;
        this.channel = config.stream().channel();
    }

    /** Publishes the event to the given users; {@code messageId} lets an oversized message event be looked up. */
    public Uni<Void> publish(Event event, Collection<Long> recipients, Long messageId) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("event", event);
        envelope.put("to", recipients);
        envelope.put("at", System.currentTimeMillis());
        String payload = write(envelope);
        if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            envelope.put("event", new Event(event.type(), event.conversationId(), event.seq(), null));
            envelope.remove("to");
            envelope.put("message_id", messageId);
            payload = write(envelope);
        }
        return conversations.notify(channel, payload);
    }

    public Uni<Void> publish(Event event, Collection<Long> recipients) {
        return publish(event, recipients, null);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize event", e);
        }
    }
}
