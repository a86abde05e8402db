package dev.parley.chat.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.WebSocket;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.parley.chat.service.StreamSlots;
import dev.parley.common.error.ApiException;
import dev.parley.common.error.ErrorEnvelope;
import dev.parley.common.security.CallerId;
import dev.parley.common.security.RevocationCheck;

/**
 * Stands before {@link StreamEndpoint}: a request to {@code /v1/stream} is upgraded only with a valid access token of
 * a session that was not revoked, from the {@code Authorization: Bearer} header or, for browsers, the
 * {@code access_token} query parameter (which then becomes the header, so the endpoint sees one identity either way),
 * and only while {@link StreamSlots} has room: 429 when the user has {@code parley.stream.max-sockets-per-user}
 * sockets open, 503 when the replica has {@code parley.stream.max-sockets}, both with {@code Retry-After}. Anything
 * refused is refused before the upgrade, in the error envelope.
 */
@ApplicationScoped
public class StreamGate {

    private static final String PATH = StreamEndpoint.class.getAnnotation(WebSocket.class).path();
    // After Quarkus's own authentication step (order -200), before the WebSocket endpoint (order 0 and up).
    private static final int ORDER = -1;
    // Carries the reserved slot from here to the endpoint; whatever a client sends under this name is replaced.
    private static final String SLOT = "X-Parley-Stream-Slot";

    private final JWTParser parser;
    private final RevocationCheck revocations;
    private final StreamSlots slots;
    private final ObjectMapper json;

    public StreamGate(JWTParser parser, RevocationCheck revocations, StreamSlots slots, ObjectMapper json) {
        this.parser = parser;
        this.revocations = revocations;
        this.slots = slots;
        this.json = json;
    }

    /** The id of the slot the gate reserved for the socket of this handshake. */
    static String slotOf(HandshakeRequest handshake) {
        return handshake.header(SLOT);
    }

    void install(@Observes Router router) {
        router.get(PATH).order(ORDER).handler(this::check);
    }

    void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        request.headers().remove(SLOT);
        String token = tokenOf(request);
        if (token == null) {
            refuse(context, ApiException.unauthorized("Authentication required"));
            return;
        }
        if (!"websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
            refuse(context, ApiException.badRequest("Expected a WebSocket upgrade"));
            return;
        }
        // Verification may fetch account-service's keys, which blocks: keep it off the event loop.
        context.vertx().executeBlocking(() -> parser.parse(token), false).onComplete(verified -> {
            // A revoked session's token is refused like an expired one.
            if (verified.failed() || revocations.isRevoked(verified.result())) {
                refuse(context, ApiException.unauthorized("Invalid or expired access token"));
                return;
            }
            StreamSlots.Slot slot;
            try {
                HttpConnection connection = request.connection();
                slot = slots.reserve(CallerId.of(verified.result()), () -> abort(connection));
            } catch (ApiException refused) {
                refuse(context, refused);
                return;
            }
            // Fires when the request ends without becoming a socket (refused further on, or the client left);
            // an upgraded request never ends this way, and its socket releases the slot when it closes.
            context.addEndHandler(ended -> slots.releaseUntaken(slot.id()));
            request.headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            request.headers().set(SLOT, slot.id());
            context.next();
        });
    }

    // Vert.x closes a connection only after writing what it has queued, which a client that stopped reading never
    // takes; closing from Vert.x's own place in the channel's pipeline skips that wait and cuts the connection at once.
    private static void abort(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            base.channelHandlerContext().close();
        } else {
            connection.close();
        }
    }

    private void refuse(RoutingContext context, ApiException refusal) {
        var response = context.response().setStatusCode(refusal.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        refusal.headers().forEach(response::putHeader);
        try {
            response.end(json.writeValueAsString(ErrorEnvelope.of(refusal.status(), refusal.getMessage())));
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
