package dev.parley.chat.service;

import dev.parley.common.error.ApiException;
import dev.parley.common.validation.Input;

/** Input checks shared by the chat services, with the messages clients see. */
final class Rules {

    static final int MAX_BODY = 4000;
    static final int MAX_TITLE = 100;
    static final int MAX_CLIENT_ID = 64;

    private Rules() {
    }

    static String body(String raw) {
        String body = Input.required("body", raw).strip();
        if (body.isEmpty() || body.length() > MAX_BODY) {
            throw ApiException.badRequest("body must be 1 to " + MAX_BODY + " characters");
        }
        return body;
    }

    static String title(String raw) {
        String title = Input.required("title", raw).strip();
        if (title.isEmpty() || title.length() > MAX_TITLE) {
            throw ApiException.badRequest("title must be 1 to " + MAX_TITLE + " characters");
        }
        return title;
    }

    static String clientMessageId(String raw) {
        if (raw == null) {
            return null;
        }
        if (raw.isBlank() || raw.length() > MAX_CLIENT_ID) {
            throw ApiException.badRequest("client_message_id must be 1 to " + MAX_CLIENT_ID + " characters");
        }
        return raw;
    }

    static ApiException conversationNotFound(long id) {
        return ApiException.notFound("Conversation " + id + " not found");
    }
}
