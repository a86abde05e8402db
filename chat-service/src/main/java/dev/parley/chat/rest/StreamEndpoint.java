package dev.parley.chat.rest;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.quarkus.security.Authenticated;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import dev.parley.chat.service.Connections;
import dev.parley.chat.service.PresenceTracker;
import dev.parley.chat.service.RevokedStreams;
import dev.parley.chat.service.StreamSlots;
import dev.parley.chat.service.TypingNotices;

/**
 * {@code GET /v1/stream}: the WebSocket that carries real-time events to a signed-in user. {@link StreamGate} has
 * checked the token and reserved the socket's slot before the upgrade; the socket is closed with 1008 when that token
 * expires, its session is revoked ({@link RevokedStreams}) or its client stops reading, and with 1001 when the
 * replica shuts down.
 */
@WebSocket(path = "/v1/stream")
@Authenticated
public class StreamEndpoint {

    static final CloseReason TOKEN_EXPIRED = new CloseReason(1008, "Access token expired");
    static final CloseReason NOT_ADMITTED = new CloseReason(1013, "Try again later");
    static final CloseReason TOO_BIG = new CloseReason(1009, "Message too big");
    static final CloseReason FAILED = new CloseReason(1011, "Unexpected error");
    private static final Logger LOG = Logger.getLogger(StreamEndpoint.class);
    private static final TypedKey<Long> USER = TypedKey.forLong("parley.user");
    private static final TypedKey<Long> EXPIRY_TIMER = TypedKey.forLong("parley.expiry-timer");

    private final Connections connections;
    private final PresenceTracker presence;
    private final TypingNotices typing;
    private final RevokedStreams revoked;
    private final StreamSlots slots;
    private final JsonWebToken token;
    private final Vertx vertx;

    public StreamEndpoint(Connections connections, PresenceTracker presence, TypingNotices typing,
            RevokedStreams revoked, StreamSlots slots, JsonWebToken token, Vertx vertx) {
        this.connections = connections;
        this.presence = presence;
        this.typing = typing;
        this.revoked = revoked;
        this.slots = slots;
        this.token = token;
        this.vertx = vertx;
    }

    @OnOpen
    void open(WebSocketConnection connection) {
        StreamSlots.Slot slot = slots.take(StreamGate.slotOf(connection.handshakeRequest()));
        if (slot == null) {
            // Only a socket the gate counted may stay, or the limits would not hold.
            connection.close(NOT_ADMITTED).subscribe().with(closed -> {
            }, failure -> {
            });
            return;
        }
        long userId = slot.userId();
        long remaining = token.getExpirationTime() * 1000 - System.currentTimeMillis();
        long timer = vertx.setTimer(Math.max(1, remaining),
                expired -> connection.close(TOKEN_EXPIRED).subscribe().with(closed -> {
                }, failure -> {
                }));
        connection.userData().put(USER, userId);
        connection.userData().put(EXPIRY_TIMER, timer);
        Long session = RevokedStreams.sessionOf(token);
        connections.add(userId, session, connection, slot);
        presence.opened(userId, connection.id());
        revoked.closeIfRevoked(userId, session);
    }

    // Typing is the one thing clients send; anything else is counted and ignored.
    @OnTextMessage
    void received(String text, WebSocketConnection connection) {
        Long userId = connection.userData().get(USER);
        if (userId != null) {
            typing.received(userId, text);
        }
    }

    // Vert.x refuses a message over quarkus.websockets-next.server.max-message-size with this exception: the client
    // hears 1009 rather than 1011, and the log is spared an error for each oversized message.
    @OnError
    Uni<Void> failed(IllegalStateException failure, WebSocketConnection connection) {
        String message = String.valueOf(failure.getMessage());
        if (message.contains("max message size")) {
            LOG.debugf("Closing socket %s: %s", connection.id(), message);
            return connection.close(TOO_BIG);
        }
        LOG.error("Stream failed", failure);
        return connection.close(FAILED);
    }

    @OnClose
    void close(WebSocketConnection connection) {
        slots.release(StreamGate.slotOf(connection.handshakeRequest()));
        Long timer = connection.userData().get(EXPIRY_TIMER);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
        Long userId = connection.userData().get(USER);
        if (userId != null) {
            connections.remove(userId, connection);
            presence.closed(userId, connection.id());
        }
    }
}
