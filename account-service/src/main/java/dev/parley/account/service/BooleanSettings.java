package dev.parley.account.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.parley.common.error.ApiException;

/** The owner's true-or-false profile settings, as the body of a profile change asks for them. */
final class BooleanSettings {

    private BooleanSettings() {
    }

    /**
     * The value the body asks for under {@code key}, or null when it does not have the key; anything but true or
     * false, null included, is a 400 {@code <key> must be true or false}.
     */
    static Boolean requested(ObjectNode changes, String key) {
        JsonNode value = changes.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw ApiException.badRequest(key + " must be true or false");
        }
        return value.booleanValue();
    }
}
