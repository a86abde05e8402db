package dev.parley.chat.support;

import java.util.LinkedHashMap;
import java.util.Map;

import io.vertx.core.http.HttpServerResponse;

/**
 * What a stand-in answers to one request: a status, headers and a body, or no answer at all ({@link #hang()}) to
 * let the caller's deadline pass.
 */
public record Answer(int status, Map<String, String> headers, String body, boolean hangs) {

    public static Answer status(int status) {
        return new Answer(status, Map.of(), "", false);
    }

    public static Answer json(int status, String json) {
        return new Answer(status, Map.of("content-type", "application/json"), json, false);
    }

    /** Never answers. */
    public static Answer hang() {
        return new Answer(0, Map.of(), "", true);
    }

    public Answer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Answer(status, more, body, hangs);
    }

    void writeTo(HttpServerResponse response) {
        if (hangs) {
            return;
        }
        response.setStatusCode(status);
        headers.forEach(response::putHeader);
        response.end(body);
    }
}
