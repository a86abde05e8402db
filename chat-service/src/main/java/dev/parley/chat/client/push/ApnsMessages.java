package dev.parley.chat.client.push;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.client.HttpResponse;

/** The APNs payload of a push: an alert with the message (or a localized "new message"), or a badge alone. */
final class ApnsMessages {

    /** The alert's localization key when previews are off; the app's strings give its text. */
    static final String NEW_MESSAGE = "NEW_MESSAGE";

    private ApnsMessages() {
    }

    static JsonObject body(PushPayload payload) {
        if (payload.silent()) {
            return new JsonObject().put("aps", new JsonObject().put("badge", payload.badge()));
        }
        JsonObject alert = new JsonObject();
        if (payload.body() == null) {
            alert.put("loc-key", NEW_MESSAGE);
        } else {
            if (payload.title() != null) {
                alert.put("title", payload.title());
            }
            alert.put("body", payload.body());
        }
        JsonObject aps = new JsonObject().put("alert", alert).put("badge", payload.badge()).put("sound", "default");
        if (payload.conversationId() != null) {
            aps.put("thread-id", String.valueOf(payload.conversationId()));
        }
        JsonObject body = new JsonObject().put("aps", aps.put("mutable-content", 1));
        PushPayloads.fields(payload).forEach((name, value) -> {
            if (!name.equals("title") && !name.equals("body") && !name.equals("badge")) {
                body.put(name, value);
            }
        });
        return body;
    }

    /** APNs's reason for refusing a push ({@code {"reason": "BadDeviceToken"}}), else the status. */
    static String reason(HttpResponse<?> response) {
        try {
            JsonObject body = response.bodyAsJsonObject();
            String reason = body == null ? null : body.getString("reason");
            return reason != null ? reason : String.valueOf(response.statusCode());
        } catch (RuntimeException notJson) {
            return String.valueOf(response.statusCode());
        }
    }
}
