package dev.parley.chat.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.chat.Conversation;
import dev.parley.chat.client.push.PushPayload;
import dev.parley.chat.repository.PushJobRepository.MessagePush;

/**
 * What a push says, and how the outbox keeps it. With previews off a push carries ids and the badge only, never a
 * body or a name; with them on, the first {@value #PREVIEW} characters of the message and a group's title.
 */
@ApplicationScoped
public class PushComposer {

    /** The longest body preview, in characters. */
    static final int PREVIEW = 100;
    /** The collapse key of silent badge updates: a newer one replaces an older one on the device. */
    static final String BADGE_KEY = "badge";

    private final ObjectMapper json;

    public PushComposer(ObjectMapper json) {
        this.json = json;
    }

    /** A new message's push, as stored in the outbox. */
    public String message(UUID id, MessagePush push) {
        String title = push.previews() && Conversation.GROUP.equals(push.kind()) ? push.title() : null;
        String body = push.previews() ? preview(push.body()) : null;
        return write(new PushPayload(id.toString(), "c" + push.conversationId(), false, push.badge(),
                push.conversationId(), push.messageId(), push.seq(), push.senderId(), title, body));
    }

    /** A silent push that sets the badge, as stored in the outbox. */
    public String badge(UUID id, int badge) {
        return write(new PushPayload(id.toString(), BADGE_KEY, true, badge, null, null, null, null, null, null));
    }

    /** A push read back from the outbox. */
    public PushPayload read(String stored) {
        try {
            return json.readValue(stored, PushPayload.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable push in the outbox", e);
        }
    }

    static String preview(String body) {
        if (body == null || body.codePointCount(0, body.length()) <= PREVIEW) {
            return body;
        }
        return body.substring(0, body.offsetByCodePoints(0, PREVIEW));
    }

    private String write(PushPayload payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a push", e);
        }
    }
}
