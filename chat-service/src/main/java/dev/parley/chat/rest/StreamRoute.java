package dev.parley.chat.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.parley.chat.service.Connections;
import dev.parley.common.error.ErrorEnvelope;

/**
 * {@code GET /v1/stream}: the WebSocket that carries real-time events, on the service's own HTTP server. The access
 * token comes in the {@code Authorization: Bearer} header or, for browsers, the {@code access_token} query
 * parameter; it is verified before the upgrade, and the socket is closed when the token expires.
 */
@ApplicationScoped
public class StreamRoute {

    private static final short POLICY_VIOLATION = 1008;

    private final JWTParser parser;
    private final Connections connections;
    private final ObjectMapper json;

    public StreamRoute(JWTParser parser, Connections connections, ObjectMapper json) {
        this.parser = parser;
        this.connections = connections;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.get("/v1/stream").order(-1).handler(this::open);
    }

    void open(RoutingContext context) {
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
        request.pause();
        // Verification may fetch account-service's keys, which blocks: keep it off the event loop.
        context.vertx().executeBlocking(() -> parser.parse(token), false).onComplete(verified -> {
            if (verified.failed()) {
                request.resume();
                refuse(context, 401, "Invalid or expired access token");
                return;
            }
            JsonWebToken jwt = verified.result();
            request.toWebSocket().onSuccess(socket -> {
                UpgradedRequests.markDone(request);
                accept(context, socket, jwt);
            }).onFailure(e -> context.fail(e));
        });
    }

    private void accept(RoutingContext context, ServerWebSocket socket, JsonWebToken jwt) {
        long userId;
        try {
            userId = Long.parseLong(jwt.getSubject());
        } catch (NumberFormatException e) {
            socket.close(POLICY_VIOLATION, "Invalid access token");
            return;
        }
        connections.add(userId, socket);
        long remaining = jwt.getExpirationTime() * 1000 - System.currentTimeMillis();
        long timer = context.vertx().setTimer(Math.max(1, remaining),
                expired -> socket.close(POLICY_VIOLATION, "Access token expired"));
        socket.closeHandler(closed -> {
            context.vertx().cancelTimer(timer);
            connections.remove(userId, socket);
        });
        // Clients only listen; anything they send is ignored.
        socket.textMessageHandler(ignored -> {
        });
    }

    private void refuse(RoutingContext context, int status, String message) {
        var response = context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE,
                "application/json");
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
