package dev.parley.chat.service;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.parley.chat.config.ChatConfig;
import dev.parley.common.error.ApiException;

/**
 * How many sockets of {@code /v1/stream} this replica admits: at most {@code parley.stream.max-sockets-per-user} for
 * one user (one more answers 429) and {@code parley.stream.max-sockets} in all (one more answers 503, since the
 * client is not to blame and may find room on another replica). A slot is reserved before the upgrade, taken by the
 * socket when it opens and released when it closes, or when the upgrade never happens; counts stay exact however
 * many upgrades race.
 */
@ApplicationScoped
public class StreamSlots {

    private static final long RETRY_USER_AFTER_SECONDS = 30;
    private static final long RETRY_REPLICA_AFTER_SECONDS = 5;

    /** A reserved place for one socket; {@code abort} cuts its connection without waiting for anything. */
    public static final class Slot {

        private final String id;
        private final long userId;
        private final Runnable abort;
        private boolean taken;

        Slot(String id, long userId, Runnable abort) {
            this.id = id;
            this.userId = userId;
            this.abort = abort;
        }

        public String id() {
            return id;
        }

        public long userId() {
            return userId;
        }

        void abort() {
            abort.run();
        }
    }

    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final Map<Long, Integer> byUser = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final ChatConfig config;
    private final Counter refusedForUser;
    private final Counter refusedForReplica;

    public StreamSlots(ChatConfig config, MeterRegistry registry) {
        this.config = config;
        this.refusedForUser = Counter.builder("parley.ws.refused").tag("reason", "user")
                .description("Stream upgrades refused because a limit was reached").register(registry);
        this.refusedForReplica = Counter.builder("parley.ws.refused").tag("reason", "replica")
                .description("Stream upgrades refused because a limit was reached").register(registry);
    }

    /** Reserves a slot for one more socket of the user, or fails with 429 or 503 in the error envelope. */
    public Slot reserve(long userId, Runnable abort) {
        int max = config.stream().maxSockets();
        int now;
        do {
            now = total.get();
            if (now >= max) {
                refusedForReplica.increment();
                throw new ApiException(503, "Too many connections",
                        Map.of("Retry-After", Long.toString(RETRY_REPLICA_AFTER_SECONDS)));
            }
        } while (!total.compareAndSet(now, now + 1));
        int perUser = config.stream().maxSocketsPerUser();
        boolean[] granted = {false};
        byUser.compute(userId, (id, open) -> {
            int count = open == null ? 0 : open;
            granted[0] = count < perUser;
            return granted[0] ? Integer.valueOf(count + 1) : open;
        });
        if (!granted[0]) {
            total.decrementAndGet();
            refusedForUser.increment();
            throw ApiException.tooManyRequests("At most " + perUser + " streams can be open at once",
                    RETRY_USER_AFTER_SECONDS);
        }
        Slot slot = new Slot(UUID.randomUUID().toString(), userId, abort);
        slots.put(slot.id, slot);
        return slot;
    }

    /** The slot, now held by an open socket; null when it was never reserved or is already released. */
    public Slot take(String id) {
        if (id == null) {
            return null;
        }
        return slots.computeIfPresent(id, (key, slot) -> {
            slot.taken = true;
            return slot;
        });
    }

    /** Frees the slot; releasing twice, or a slot never reserved, changes nothing. */
    public void release(String id) {
        if (id != null) {
            free(slots.remove(id));
        }
    }

    /** Frees the slot unless a socket has taken it: for an upgrade that ended without one. */
    public void releaseUntaken(String id) {
        Slot[] freed = {null};
        slots.computeIfPresent(id, (key, slot) -> {
            if (slot.taken) {
                return slot;
            }
            freed[0] = slot;
            return null;
        });
        free(freed[0]);
    }

    private void free(Slot slot) {
        if (slot == null) {
            return;
        }
        byUser.computeIfPresent(slot.userId, (id, open) -> open <= 1 ? null : Integer.valueOf(open - 1));
        total.decrementAndGet();
    }
}
