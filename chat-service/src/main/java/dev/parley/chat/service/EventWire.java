package dev.parley.chat.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.parley.chat.api.Event;

/**
 * The one owner of chat's event wire formats: the frame a socket receives ({@link Event} as JSON) and the payload an
 * event travels in between replicas, {@code {"event", "to", "at"}}. PostgreSQL refuses notification payloads of 8000
 * bytes or more, so a message event that would not fit travels as {@code {"event" without data, "message_id", "at"}}
 * and the receiving replica completes it from the database.
 */
@ApplicationScoped
public class EventWire {

    static final int MAX_PAYLOAD_BYTES = 7800;

    private final ObjectMapper json;

    public EventWire(ObjectMapper json) {
        this.json = json;
    }

    /** The payload announcing {@code event} to {@code recipients}; a reference when {@code messageId} is given and the whole would not fit. */
    public String payload(Event event, Collection<Long> recipients, Long messageId, long announcedAt) {
        ObjectNode whole = json.createObjectNode();
        whole.set("event", json.valueToTree(event));
        whole.set("to", json.valueToTree(recipients));
        whole.put("at", announcedAt);
        String text = whole.toString();
        if (messageId == null || text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_PAYLOAD_BYTES) {
            return text;
        }
        ObjectNode reference = json.createObjectNode();
        reference.set("event", json.valueToTree(new Event(event.type(), event.conversationId(), event.seq(), null)));
        reference.put("message_id", messageId);
        reference.put("at", announcedAt);
        return reference.toString();
    }

    /** Reads a payload; fails with {@link IllegalArgumentException} on anything this class did not write. */
    public Announcement read(String payload) {
        try {
            JsonNode root = json.readTree(payload);
            if (!(root.get("event") instanceof ObjectNode event) || !event.has("conversation_id")) {
                throw new IllegalArgumentException("no event");
            }
            long at = root.path("at").asLong(System.currentTimeMillis());
            if (root.hasNonNull("message_id")) {
                return new Announcement(event, List.of(), root.get("message_id").asLong(), at);
            }
            List<Long> recipients = new ArrayList<>();
            root.path("to").forEach(id -> recipients.add(id.asLong()));
            return Announcement.of(event, recipients, at);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    /** A reference completed with the message's data and the conversation's members. */
    public Announcement completed(Announcement reference, Object data, Collection<Long> members) {
        ObjectNode event = reference.event().deepCopy();
        event.set("data", data == null ? NullNode.getInstance() : json.valueToTree(data));
        return Announcement.of(event, members, reference.announcedAt());
    }

    /** The text frame sockets receive. */
    public String frame(Announcement announcement) {
        return announcement.event().toString();
    }
}
