package dev.parley.chat.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

import dev.parley.chat.api.Event;

/**
 * The one owner of chat's event wire formats: the frame a socket receives ({@link Event} as JSON) and the
 * notification that tells other replicas about committed events, {@code {"from", "events": [...]}}, each event
 * {@code {"id", "xid", "to", "at", "frame"}}. PostgreSQL refuses notification payloads of 8000 bytes or more, so events
 * are packed into as few payloads as fit, and one that alone would not fit travels as {@code {"id", "xid", "at"}}:
 * the receiving replica reads it from the stream log.
 */
@ApplicationScoped
public class EventWire {

    static final int MAX_PAYLOAD_BYTES = 7800;

    private final ObjectMapper json;

    public EventWire(ObjectMapper json) {
        this.json = json;
    }

    /** The text frame sockets receive. */
    public String frame(Event event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Payloads announcing the events, as few as fit; the replica that sends them is {@code origin}. */
    public List<String> notifications(String origin, List<Announcement> events) {
        String head = from(origin) + "\"events\":[";
        int room = MAX_PAYLOAD_BYTES - bytes(head) - 2;
        List<String> payloads = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int used = 0;
        for (Announcement event : events) {
            String entry = entry(event, room);
            if (entry == null) {
                continue;
            }
            int size = bytes(entry) + 1;
            if (used + size > room && used > 0) {
                payloads.add(head + current + "]}");
                current.setLength(0);
                used = 0;
            }
            current.append(used > 0 ? "," : "").append(entry);
            used += size;
        }
        if (used > 0) {
            payloads.add(head + current + "]}");
        }
        return payloads;
    }

    /** A notification read back: who sent it, the events it carried whole, and the log ids of the rest. */
    public record Notification(String origin, List<Announcement> events, List<Long> references) {
    }

    /** Whether the payload was sent by {@code origin}, told without reading the whole of it. */
    public boolean isFrom(String payload, String origin) {
        return payload.startsWith(from(origin));
    }

    private String from(String origin) {
        return "{\"from\":" + json.getNodeFactory().textNode(origin) + ",";
    }

    /** Reads a payload; fails with {@link IllegalArgumentException} on anything this class did not write. */
    public Notification read(String payload) {
        try {
            JsonNode root = json.readTree(payload);
            if (!root.path("from").isTextual() || !root.path("events").isArray()) {
                throw new IllegalArgumentException("not a notification");
            }
            List<Announcement> events = new ArrayList<>();
            List<Long> references = new ArrayList<>();
            for (JsonNode entry : root.get("events")) {
                JsonNode frame = entry.get("frame");
                if (frame == null) {
                    references.add(entry.path("id").asLong());
                    continue;
                }
                List<Long> to = new ArrayList<>();
                entry.path("to").forEach(id -> to.add(id.asLong()));
                JsonNode seq = frame.path("seq");
                events.add(new Announcement(entry.hasNonNull("id") ? entry.get("id").asLong() : null,
                        entry.path("xid").asLong(), frame.path("conversation_id").asLong(),
                        frame.path("type").asText(), seq.isNumber() ? seq.asLong() : null, frame.toString(), to,
                        entry.path("at").asLong(System.currentTimeMillis())));
            }
            return new Notification(root.get("from").asText(), events, references);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    // Null for an event that cannot travel: too large and not in the log to be read from.
    private String entry(Announcement event, int room) {
        ObjectNode entry = json.createObjectNode();
        if (event.logged()) {
            entry.put("id", event.logId());
        }
        entry.put("xid", event.xid());
        entry.put("at", event.announcedAt());
        String reference = entry.toString();
        ArrayNode to = entry.putArray("to");
        event.recipients().forEach(to::add);
        entry.putRawValue("frame", new RawValue(event.frame()));
        String whole = entry.toString();
        if (bytes(whole) <= room) {
            return whole;
        }
        return event.logged() ? reference : null;
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
