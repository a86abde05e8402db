package dev.parley.chat.service;

import dev.parley.common.error.ApiException;

/** Input checks shared by the chat services, with the messages clients see. */
final class Rules {

    static final int MAX_BODY = 4000;
    static final int MAX_TITLE = 100;
    static final int MAX_CLIENT_ID = 64;

    private Rules() {
    }

    static <T> T require(String key, T value) {
        if (value == null) {
            throw ApiException.badRequest("expected '" + key + "' key");
        }
        return value;
    }

    static String body(String raw) {
        String body = require("body", raw).strip();
        if (body.isEmpty() || body.length() > MAX_BODY) {
            throw ApiException.badRequest("body must be 1 to " + MAX_BODY + " characters");
        }
        return body;
    }

    static String title(String raw) {
        String title = require("title", raw).strip();
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

    /** Whether the failure is a unique constraint losing a race, anywhere in its causes. */
    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }
}
