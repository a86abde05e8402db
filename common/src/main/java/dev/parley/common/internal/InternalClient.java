package dev.parley.common.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Calls another service's internal port with the service token. The answer continues on the caller's Vert.x context
 * when there is one, so the caller can go on with its own database session.
 */
@ApplicationScoped
public class InternalClient {

    /** A call that did not answer 200: the status (0 when nothing answered) and what the other side said. */
    public static class CallFailed extends RuntimeException {

        private final int status;

        CallFailed(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final HttpClient http;
    private final String authorization;
    private final Duration timeout;
    private final ObjectMapper json;

    public InternalClient(InternalSettings settings, ObjectMapper json) {
        this.timeout = settings.timeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.authorization = "Bearer " + settings.token();
        this.json = json;
    }

    /** GETs {@code baseUrl + path} and reads the JSON answer as {@code type}; {@code wait} adds to the timeout. */
    public <T> Uni<T> get(String baseUrl, String path, Duration wait, Class<T> type) {
        return get(baseUrl, path, wait).map(body -> read(body, type));
    }

    /** GETs {@code baseUrl + path} and answers the body. */
    public Uni<String> get(String baseUrl, String path, Duration wait) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout.plus(wait))
                .header("Authorization", authorization).header("Accept", "application/json").GET().build();
        Context caller = Vertx.currentContext();
        Uni<String> answer = Uni.createFrom()
                .completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .onFailure(e -> !(e instanceof CallFailed)).transform(e -> new CallFailed(0, e.toString()))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new CallFailed(response.statusCode(), response.body());
                    }
                    return response.body();
                });
        return caller == null ? answer : answer.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    private <T> T read(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new CallFailed(200, "Unreadable answer: " + e.getMessage());
        }
    }
}
