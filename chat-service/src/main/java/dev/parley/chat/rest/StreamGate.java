package dev.parley.chat.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.websockets.next.WebSocket;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.parley.common.error.ErrorEnvelope;

/**
 * Stands before {@link StreamEndpoint}: a request to {@code /v1/stream} is upgraded only with a valid access token,
 * from the {@code Authorization: Bearer} header or, for browsers, the {@code access_token} query parameter (which
 * then becomes the header, so the endpoint sees one identity either way). Anything else is refused before the
 * upgrade, in the error envelope.
 */
@ApplicationScoped
public class StreamGate {

    private static final String PATH = StreamEndpoint.class.getAnnotation(WebSocket.class).path();
    // After Quarkus's own authentication step (order -200), before the WebSocket endpoint (order 0 and up).
    private static final int ORDER = -1;

    private final JWTParser parser;
    private final ObjectMapper json;

    public StreamGate(JWTParser parser, ObjectMapper json) {
        this.parser = parser;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.get(PATH).order(ORDER).handler(this::check);
    }

    void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        String token = tokenOf(request);
        if (token == null) {
            refuse(context, 401, "Authentication required");
            return;
        }
        if (!"websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
            refuse(context, 400, "Expected a WebSocket upgrade");
            return;
        }
        // Verification may fetch account-service's keys, which blocks: keep it off the event loop.
        context.vertx().executeBlocking(() -> parser.parse(token), false).onComplete(verified -> {
            if (verified.failed()) {
                refuse(context, 401, "Invalid or expired access token");
                return;
            }
            request.headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            context.next();
        });
    }

    private void refuse(RoutingContext context, int status, String message) {
        var response = context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (status == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        try {
            response.end(json.writeValueAsString(ErrorEnvelope.of(status, message)));
        } catch (JsonProcessingException e) {
            response.end();
        }
    }

    private static String tokenOf(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        String query = request.getParam("access_token");
        return query == null || query.isBlank() ? null : query;
    }
}
