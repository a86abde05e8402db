package dev.parley.chat.service;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.ServerWebSocket;

/** The WebSockets open on this replica, by user; a user may be connected from several devices. */
@ApplicationScoped
public class Connections {

    private final Map<Long, Set<ServerWebSocket>> byUser = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();

    public Connections(MeterRegistry registry) {
        Gauge.builder("parley.ws.connections", open, AtomicInteger::get)
                .description("Open WebSocket connections").register(registry);
    }

    public void add(long userId, ServerWebSocket socket) {
        byUser.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet()).add(socket);
        open.incrementAndGet();
    }

    /** Sends the text to every socket of the user on this replica; answers how many it went to. */
    public int send(long userId, String text) {
        Set<ServerWebSocket> sockets = byUser.get(userId);
        if (sockets == null) {
            return 0;
        }
        int sent = 0;
        for (ServerWebSocket socket : sockets) {
            if (!socket.isClosed()) {
                socket.writeTextMessage(text);
                sent++;
            }
        }
        return sent;
    }

    public boolean hasAny(long userId) {
        Set<ServerWebSocket> sockets = byUser.get(userId);
        return sockets != null && !sockets.isEmpty();
    }

    public void pingAll() {
        byUser.values().forEach(sockets -> sockets.forEach(socket -> {
            if (!socket.isClosed()) {
                socket.writePing(io.vertx.core.buffer.Buffer.buffer());
            }
        }));
    }

    /** Closes every socket with 1001 (going away), so clients reconnect to another replica. */
    public void closeAll() {
        byUser.values()
                .forEach(sockets -> sockets.forEach(socket -> socket.close((short) 1001, "Server shutting down")));
    }

    public void remove(long userId, ServerWebSocket socket) {
        byUser.computeIfPresent(userId, (id, sockets) -> {
            if (sockets.remove(socket)) {
                open.decrementAndGet();
            }
            return sockets.isEmpty() ? null : sockets;
        });
    }
}
