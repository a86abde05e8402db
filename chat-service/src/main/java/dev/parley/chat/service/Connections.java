package dev.parley.chat.service;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;

import dev.parley.chat.config.ChatConfig;

/**
 * The WebSockets open on this replica, by user; a user may be connected from several devices. Each socket may have
 * at most {@code parley.stream.max-queued-bytes} of events written but not yet taken by the network: a client that
 * stops reading reaches that, is closed with 1008 (Too slow) and gets nothing more; it catches up with
 * {@code /v1/sync} when it reconnects.
 */
@ApplicationScoped
public class Connections {

    private static final Logger LOG = Logger.getLogger(Connections.class);
    private static final CloseReason GOING_AWAY = new CloseReason(1001, "Server shutting down");
    private static final CloseReason TOO_SLOW = new CloseReason(1008, "Too slow");
    // How long a socket closed for being too slow may take to read what was queued before its close frame.
    private static final long CLOSE_GRACE_MILLIS = 5000;

    private final Map<Long, Map<String, Socket>> byUser = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Vertx vertx;
    private final ChatConfig config;
    private final Counter tooSlow;

    public Connections(Vertx vertx, ChatConfig config, MeterRegistry registry) {
        this.vertx = vertx;
        this.config = config;
        Gauge.builder("parley.ws.connections", open, AtomicInteger::get)
                .description("Open WebSocket connections").register(registry);
        this.tooSlow = Counter.builder("parley.ws.closed.too.slow")
                .description("Sockets closed because their client stopped reading").register(registry);
    }

    /**
     * One open socket, the session whose token opened it (null for a token without one), the slot it holds and the
     * bytes written to it that the network has not taken yet.
     */
    private record Socket(WebSocketConnection connection, Long sessionId, StreamSlots.Slot slot, AtomicLong queued) {
    }

    public void add(long userId, Long sessionId, WebSocketConnection connection, StreamSlots.Slot slot) {
        Socket socket = new Socket(connection, sessionId, slot, new AtomicLong());
        if (byUser.computeIfAbsent(userId, id -> new ConcurrentHashMap<>()).putIfAbsent(connection.id(),
                socket) == null) {
            open.incrementAndGet();
        }
    }

    /** Sends the text to every socket of the user on this replica; answers how many it went to. */
    public int send(long userId, String text) {
        Map<String, Socket> sockets = byUser.get(userId);
        if (sockets == null) {
            return 0;
        }
        long bytes = text.getBytes(StandardCharsets.UTF_8).length;
        long max = config.stream().maxQueuedBytes();
        int sent = 0;
        for (Socket socket : sockets.values()) {
            if (!socket.connection().isOpen()) {
                continue;
            }
            long queued = socket.queued().addAndGet(bytes);
            // One event larger than the bound still goes to a socket that has nothing else queued.
            if (queued > max && queued > bytes) {
                socket.queued().addAndGet(-bytes);
                closeTooSlow(userId, socket);
                continue;
            }
            socket.connection().sendText(text).subscribe().with(done -> socket.queued().addAndGet(-bytes),
                    failure -> {
                        socket.queued().addAndGet(-bytes);
                        LOG.debugf("Cannot write to socket %s: %s", socket.connection().id(), failure);
                    });
            sent++;
        }
        return sent;
    }

    /** Closes the user's sockets on this replica that were opened with a token of the session. */
    public void closeSession(long userId, long sessionId, CloseReason reason) {
        Map<String, Socket> sockets = byUser.getOrDefault(userId, Map.of());
        sockets.values().stream().filter(socket -> Long.valueOf(sessionId).equals(socket.sessionId()))
                .forEach(socket -> socket.connection().close(reason).subscribe().with(done -> {
                }, failure -> {
                }));
    }

    public boolean hasAny(long userId) {
        Map<String, Socket> sockets = byUser.get(userId);
        return sockets != null && !sockets.isEmpty();
    }

    public void remove(long userId, WebSocketConnection connection) {
        removed(userId, connection);
    }

    private boolean removed(long userId, WebSocketConnection connection) {
        boolean[] found = {false};
        byUser.computeIfPresent(userId, (id, sockets) -> {
            found[0] = sockets.remove(connection.id()) != null;
            return sockets.isEmpty() ? null : sockets;
        });
        if (found[0]) {
            open.decrementAndGet();
        }
        return found[0];
    }

    // The close frame waits behind everything queued, which a client that stopped reading never takes: after a grace
    // period the connection is cut.
    private void closeTooSlow(long userId, Socket socket) {
        if (!removed(userId, socket.connection())) {
            return;
        }
        tooSlow.increment();
        LOG.debugf("Closing socket %s of user %d: more than %d bytes queued", socket.connection().id(), userId,
                config.stream().maxQueuedBytes());
        socket.connection().close(TOO_SLOW).subscribe().with(done -> {
        }, failure -> {
        });
        vertx.setTimer(CLOSE_GRACE_MILLIS, timer -> socket.slot().abort());
    }

    /** As soon as shutdown begins: every socket closes with 1001 (going away), so clients reconnect elsewhere. */
    void closeAll(@Observes ShutdownDelayInitiatedEvent shutdown) {
        byUser.values().forEach(sockets -> sockets.values().forEach(socket -> socket.connection().close(GOING_AWAY)
                .subscribe().with(done -> {
                }, failure -> {
                })));
    }
}
