package dev.parley.chat.rest;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.Authenticated;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;

import dev.parley.chat.service.Connections;

/**
 * {@code GET /v1/stream}: the WebSocket that carries real-time events to a signed-in user. {@link StreamGate} has
 * checked the token before the upgrade; the socket is closed with 1008 when that token expires, and with 1001 when
 * the replica shuts down.
 */
@WebSocket(path = "/v1/stream")
@Authenticated
public class StreamEndpoint {

    static final CloseReason TOKEN_EXPIRED = new CloseReason(1008, "Access token expired");
    private static final TypedKey<Long> USER = TypedKey.forLong("parley.user");
    private static final TypedKey<Long> EXPIRY_TIMER = TypedKey.forLong("parley.expiry-timer");

    private final Connections connections;
    private final JsonWebToken token;
    private final Vertx vertx;

    public StreamEndpoint(Connections connections, JsonWebToken token, Vertx vertx) {
        this.connections = connections;
        this.token = token;
        this.vertx = vertx;
    }

    @OnOpen
    void open(WebSocketConnection connection) {
        long userId = Long.parseLong(token.getSubject());
        long remaining = token.getExpirationTime() * 1000 - System.currentTimeMillis();
        long timer = vertx.setTimer(Math.max(1, remaining),
                expired -> connection.close(TOKEN_EXPIRED).subscribe().with(closed -> {
                }, failure -> {
                }));
        connection.userData().put(USER, userId);
        connection.userData().put(EXPIRY_TIMER, timer);
        connections.add(userId, connection);
    }

    // Clients only listen for now; anything they send is read and dropped.
    @OnTextMessage
    void ignore(String text) {
    }

    @OnClose
    void close(WebSocketConnection connection) {
        Long timer = connection.userData().get(EXPIRY_TIMER);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
        Long userId = connection.userData().get(USER);
        if (userId != null) {
            connections.remove(userId, connection);
        }
    }
}
