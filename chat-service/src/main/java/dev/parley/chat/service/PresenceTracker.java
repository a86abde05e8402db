package dev.parley.chat.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The sockets open on this replica, as presence knows them: each opening and closing is recorded in the database
 * ({@link PresenceChanges}), in order per user. {@link ReplicaHeartbeat} mends the record when it no longer matches
 * (a write that failed, a replica taken for dead while it was not).
 */
@ApplicationScoped
public class PresenceTracker {

    private final PresenceChanges changes;
    private final PresenceLanes lanes;
    // Socket id → user id.
    private final Map<String, Long> open = new ConcurrentHashMap<>();

    public PresenceTracker(PresenceChanges changes, PresenceLanes lanes) {
        this.changes = changes;
        this.lanes = lanes;
    }

    public void opened(long userId, String socket) {
        open.put(socket, userId);
        lanes.run(userId, () -> changes.connected(userId, socket));
    }

    public void closed(long userId, String socket) {
        if (open.remove(socket) != null) {
            lanes.run(userId, () -> changes.disconnected(userId, socket));
        }
    }

    /** How many sockets are open here. */
    int count() {
        return open.size();
    }

    /**
     * Makes the database's record of this replica's sockets ({@code stored}: socket id → user id) match the sockets
     * open here. Recording a socket twice, or forgetting one twice, changes nothing.
     */
    void mend(Map<String, Long> stored) {
        open.forEach((socket, userId) -> {
            if (!stored.containsKey(socket)) {
                lanes.run(userId, () -> changes.connected(userId, socket));
            }
        });
        stored.forEach((socket, userId) -> {
            if (!open.containsKey(socket)) {
                lanes.run(userId, () -> changes.disconnected(userId, socket));
            }
        });
    }
}
