package dev.parley.common.validation;

import dev.parley.common.error.ApiException;

/** The answers every service gives to a request body that lacks a key or holds a value of the wrong kind. */
public final class Input {

    private Input() {
    }

    /** The value, or 400 {@code expected '<key>' key} when it is missing or null. */
    public static <T> T required(String key, T value) {
        if (value == null) {
            throw missing(key);
        }
        return value;
    }

    /** 400 {@code expected '<key>' key}. */
    public static ApiException missing(String key) {
        return ApiException.badRequest("expected '" + key + "' key");
    }

    /** 400 {@code Invalid characters in '<field>'}: a string holding NUL, which no text column can store. */
    public static ApiException invalidCharacters(String field) {
        return ApiException.badRequest("Invalid characters in '" + field + "'");
    }

    /** 400 {@code Invalid value for '<field>'}; nested fields as {@code a.b} and {@code a[2]}. */
    public static ApiException invalidValue(String field) {
        return ApiException.badRequest("Invalid value for '" + field + "'");
    }
}
