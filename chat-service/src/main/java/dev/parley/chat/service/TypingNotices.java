package dev.parley.chat.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;

import dev.parley.chat.api.Event;
import dev.parley.chat.api.Typing;
import dev.parley.chat.repository.StreamLogRepository;

/**
 * Typing events, which clients send over their socket as {@code {"type": "typing", "conversation_id": N}} and which
 * are never stored: at most one per user and conversation every three seconds goes to the conversation's other
 * members. Anything else a client sends (not JSON, another type, a conversation it is not in) is ignored and counted
 * by reason, never a reason to close the socket.
 */
@ApplicationScoped
public class TypingNotices {

    /** The frame type, from clients and to them. */
    public static final String TYPE = "typing";
    static final long SHOWN_FOR_MILLIS = 6000;
    private static final Logger LOG = Logger.getLogger(TypingNotices.class);

    private final ObjectMapper json;
    private final EventWire wire;
    private final TypingGate gate;
    private final StreamLogRepository log;
    private final Fanout fanout;
    private final MeterRegistry registry;

    public TypingNotices(ObjectMapper json, EventWire wire, TypingGate gate, StreamLogRepository log, Fanout fanout,
            MeterRegistry registry) {
        this.json = json;
        this.wire = wire;
        this.gate = gate;
        this.log = log;
        this.fanout = fanout;
        this.registry = registry;
    }

    /** A text frame from a user's socket. */
    public void received(long userId, String text) {
        long conversationId = conversationOf(text);
        if (conversationId <= 0) {
            return;
        }
        Event event = new Event(TYPE, conversationId, null, new Typing(userId, SHOWN_FOR_MILLIS));
        Announcement typing = new Announcement(null, 0, conversationId, TYPE, null, wire.frame(event), List.of(),
                System.currentTimeMillis());
        if (!gate.pass(typing)) {
            ignored("too-often");
            return;
        }
        log.members(List.of(conversationId)).subscribe().with(members -> {
            List<Long> everyone = members.getOrDefault(conversationId, List.of());
            if (!everyone.contains(userId)) {
                ignored("not-a-member");
                return;
            }
            fanout.committed(List.of(new Announcement(null, 0, conversationId, TYPE, null, typing.frame(),
                    everyone.stream().filter(id -> id != userId).toList(), typing.announcedAt())));
        }, failure -> LOG.debugf("Cannot check typing in conversation %d: %s", conversationId, failure));
    }

    // The conversation a typing frame names, or 0 for anything else (after counting why).
    private long conversationOf(String text) {
        JsonNode frame;
        try {
            frame = json.readTree(text);
        } catch (Exception e) {
            ignored("not-json");
            return 0;
        }
        if (frame == null || !TYPE.equals(frame.path("type").asText(null))) {
            ignored("unknown-type");
            return 0;
        }
        JsonNode id = frame.path("conversation_id");
        if (!id.canConvertToExactIntegral() || id.asLong() <= 0) {
            ignored("not-a-member");
            return 0;
        }
        return id.asLong();
    }

    private void ignored(String reason) {
        registry.counter("parley.stream.ignored", "reason", reason).increment();
    }
}
