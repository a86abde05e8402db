package dev.parley.chat.client.push;

import java.time.Duration;
import java.util.Locale;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.client.HttpResponse;

/** The FCM HTTP v1 message for a push, and what FCM's error answers mean for it. */
final class FcmMessages {

    private FcmMessages() {
    }

    /** {@code {"message": ...}}: every field as data, a notification only when there is a text to show. */
    static JsonObject message(PushTarget target, PushPayload payload, Duration ttl) {
        JsonObject data = new JsonObject();
        PushPayloads.fields(payload).forEach((name, value) -> data.put(name, String.valueOf(value)));
        JsonObject message = new JsonObject().put("token", target.token()).put("data", data)
                .put("android", new JsonObject().put("collapse_key", payload.collapseKey())
                        .put("priority", payload.silent() ? "NORMAL" : "HIGH")
                        .put("ttl", ttl.toSeconds() + "s"));
        if (payload.body() != null && !payload.silent()) {
            JsonObject notification = new JsonObject().put("body", payload.body());
            if (payload.title() != null) {
                notification.put("title", payload.title());
            }
            message.put("notification", notification);
        }
        return new JsonObject().put("message", message);
    }

    /** The result of an answer other than 200 and 401. */
    static PushResult refusal(HttpResponse<?> response) {
        int status = response.statusCode();
        if (RetryAfter.applies(status)) {
            return RetryAfter.retry(response);
        }
        JsonObject error = error(response);
        JsonArray details = error.getJsonArray("details", new JsonArray());
        if (status == 404 || "NOT_FOUND".equals(error.getString("status")) || hasErrorCode(details, "UNREGISTERED")) {
            return PushResult.gone("UNREGISTERED");
        }
        if (status == 400 && "INVALID_ARGUMENT".equals(error.getString("status")) && aboutToken(error, details)) {
            return PushResult.gone("INVALID_ARGUMENT");
        }
        return PushResult.failed(String.valueOf(status));
    }

    private static JsonObject error(HttpResponse<?> response) {
        try {
            JsonObject body = response.bodyAsJsonObject();
            return body != null && body.getValue("error") instanceof JsonObject error ? error : new JsonObject();
        } catch (RuntimeException notJson) {
            return new JsonObject();
        }
    }

    private static boolean hasErrorCode(JsonArray details, String code) {
        return details.stream()
                .anyMatch(d -> d instanceof JsonObject detail && code.equals(detail.getString("errorCode")));
    }

    /** Whether a 400 blames the registration token rather than the rest of the message. */
    private static boolean aboutToken(JsonObject error, JsonArray details) {
        boolean fieldIsToken = details.stream()
                .filter(d -> d instanceof JsonObject)
                .flatMap(d -> ((JsonObject) d).getJsonArray("fieldViolations", new JsonArray()).stream())
                .anyMatch(
                        v -> v instanceof JsonObject violation && "message.token".equals(violation.getString("field")));
        String message = error.getString("message", "");
        return fieldIsToken || message.toLowerCase(Locale.ROOT).contains("registration token");
    }
}
