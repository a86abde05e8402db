package dev.parley.chat.service;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.parley.common.error.ApiException;
import dev.parley.common.validation.Input;

/** Input checks shared by the chat services, with the messages clients see. */
final class Rules {

    static final int MAX_BODY = 4000;
    static final int MAX_TITLE = 100;
    static final int MAX_CLIENT_ID = 64;
    static final int MAX_MENTIONS = 50;

    private Rules() {
    }

    static final int MAX_ATTACHMENTS = 10;
    static final String NOT_ATTACHABLE = "attachment_ids must be your own completed uploads to this conversation";

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

    /** The users a message mentions, each once, in the order given. */
    static List<Long> mentions(List<Long> raw) {
        if (raw == null) {
            return List.of();
        }
        Set<Long> mentions = new LinkedHashSet<>(raw.size());
        for (Long id : raw) {
            if (id == null) {
                throw ApiException.badRequest("mentions must be user ids");
            }
            mentions.add(id);
        }
        if (mentions.size() > MAX_MENTIONS) {
            throw ApiException.badRequest("mentions must name at most " + MAX_MENTIONS + " users");
        }
        return List.copyOf(mentions);
    }

    /** The uploads a message attaches, each once, in the order given. */
    static List<Long> attachments(List<Long> raw) {
        if (raw == null) {
            return List.of();
        }
        Set<Long> attachments = new LinkedHashSet<>(raw.size());
        for (Long id : raw) {
            if (id == null) {
                throw ApiException.badRequest("attachment_ids must be upload ids");
            }
            attachments.add(id);
        }
        if (attachments.size() > MAX_ATTACHMENTS) {
            throw ApiException.badRequest("A message has at most " + MAX_ATTACHMENTS + " attachments");
        }
        return List.copyOf(attachments);
    }

    /** The text of a message with attachments: empty when none is given. */
    static String caption(String raw) {
        if (raw == null || raw.isBlank()) {
            return "";
        }
        return body(raw);
    }

    static ApiException notAMember(long userId) {
        return ApiException.badRequest("User " + userId + " is not a member");
    }

    static ApiException notInConversation(long messageId) {
        return ApiException.badRequest("Message " + messageId + " is not in this conversation");
    }

    static ApiException messageNotFound(long id) {
        return ApiException.notFound("Message " + id + " not found");
    }

    static ApiException messageDeleted() {
        return ApiException.conflict("Message is deleted");
    }

    static ApiException conversationNotFound(long id) {
        return ApiException.notFound("Conversation " + id + " not found");
    }
}
