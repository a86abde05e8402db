package dev.parley.chat.client.push;

import java.util.LinkedHashMap;
import java.util.Map;

import io.vertx.core.json.JsonObject;

/** A push's fields under their snake_case names, absent ones left out, as the apps read them. */
final class PushPayloads {

    private PushPayloads() {
    }

    /** {@code push_id}, {@code conversation_id}, {@code message_id}, {@code seq}, {@code sender_id}, {@code badge}, then {@code title} and {@code body}. */
    static Map<String, Object> fields(PushPayload payload) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("push_id", payload.id());
        putPresent(fields, "conversation_id", payload.conversationId());
        putPresent(fields, "message_id", payload.messageId());
        putPresent(fields, "seq", payload.seq());
        putPresent(fields, "sender_id", payload.senderId());
        fields.put("badge", payload.badge());
        putPresent(fields, "title", payload.title());
        putPresent(fields, "body", payload.body());
        return fields;
    }

    /** The JSON a Web Push service worker (and the log) sees: {@code id} first, {@code silent} included. */
    static JsonObject json(PushPayload payload) {
        JsonObject json = new JsonObject().put("id", payload.id());
        fields(payload).forEach((name, value) -> {
            if (!name.equals("push_id")) {
                json.put(name, value);
            }
        });
        return json.put("silent", payload.silent());
    }

    private static void putPresent(Map<String, Object> fields, String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
    }
}
