package dev.parley.chat.service;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

/** The WebSockets open on this replica, by user; a user may be connected from several devices. */
@ApplicationScoped
public class Connections {

    private static final Logger LOG = Logger.getLogger(Connections.class);
    private static final CloseReason GOING_AWAY = new CloseReason(1001, "Server shutting down");

    private final Map<Long, Set<WebSocketConnection>> byUser = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();

    public Connections(MeterRegistry registry) {
        Gauge.builder("parley.ws.connections", open, AtomicInteger::get)
                .description("Open WebSocket connections").register(registry);
    }

    public void add(long userId, WebSocketConnection connection) {
        if (byUser.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet()).add(connection)) {
            open.incrementAndGet();
        }
    }

    /** Sends the text to every socket of the user on this replica; answers how many it went to. */
    public int send(long userId, String text) {
        Set<WebSocketConnection> sockets = byUser.get(userId);
        if (sockets == null) {
            return 0;
        }
        int sent = 0;
        for (WebSocketConnection connection : sockets) {
            if (connection.isOpen()) {
                connection.sendText(text).subscribe().with(done -> {
                }, failure -> LOG.debugf("Cannot write to socket %s: %s", connection.id(), failure));
                sent++;
            }
        }
        return sent;
    }

    public boolean hasAny(long userId) {
        Set<WebSocketConnection> sockets = byUser.get(userId);
        return sockets != null && !sockets.isEmpty();
    }

    public void remove(long userId, WebSocketConnection connection) {
        byUser.computeIfPresent(userId, (id, sockets) -> {
            if (sockets.remove(connection)) {
                open.decrementAndGet();
            }
            return sockets.isEmpty() ? null : sockets;
        });
    }

    /** As soon as shutdown begins: every socket closes with 1001 (going away), so clients reconnect elsewhere. */
    void closeAll(@Observes ShutdownDelayInitiatedEvent shutdown) {
        byUser.values().forEach(sockets -> sockets.forEach(connection -> connection.close(GOING_AWAY)
                .subscribe().with(done -> {
                }, failure -> {
                })));
    }
}
