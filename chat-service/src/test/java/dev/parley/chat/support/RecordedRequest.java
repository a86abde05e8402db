package dev.parley.chat.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;

/** One request a stand-in received: headers by lower-case name, the body as it came, and when. */
public record RecordedRequest(String method, String path, HttpVersion version, Map<String, String> headers,
        byte[] body, Instant receivedAt) {

    static RecordedRequest of(HttpServerRequest request, Buffer body) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.headers().forEach(header -> headers.put(header.getKey(), header.getValue()));
        return new RecordedRequest(request.method().name(), request.path(), request.version(), headers,
                body.getBytes(), Instant.now());
    }

    public String header(String name) {
        return headers.get(name);
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public JsonObject json() {
        return new JsonObject(text());
    }
}
