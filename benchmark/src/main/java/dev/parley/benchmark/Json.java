package dev.parley.benchmark;

import io.vertx.core.json.JsonObject;

/** Reads the one or two fields the benchmark needs from an answer. */
final class Json {

    private Json() {
    }

    static long longField(String body, String name) {
        return new JsonObject(body).getLong(name);
    }
}
