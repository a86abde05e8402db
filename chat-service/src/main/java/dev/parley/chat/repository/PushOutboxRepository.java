package dev.parley.chat.repository;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Pushes waiting for a provider ({@code chat.push_outbox}). Plain SQL on the reactive client: workers lease pushes
 * with {@code SKIP LOCKED}, so replicas share the queue, and a lease that runs out (its worker died) makes the push
 * due again, with the same id.
 */
@ApplicationScoped
public class PushOutboxRepository {

    /**
     * A leased push with its device: {@code token} is the Web Push endpoint for {@code webpush}; {@code attempts}
     * counts this one.
     */
    public record Leased(UUID id, long userId, String deviceId, String payload, int attempts, Instant createdAt,
            String platform, String token, String p256dh, String auth, String appId) {
    }

    /** The queue's depth and the age of its oldest push (zero when empty). */
    public record Backlog(long depth, Duration oldest) {
    }

    private final Pool pool;

    public PushOutboxRepository(Pool pool) {
        this.pool = pool;
    }

    /** Leases up to {@code limit} due pushes for {@code lease}, oldest due first. */
    public Uni<List<Leased>> lease(int limit, Duration lease) {
        return pool.preparedQuery("""
                UPDATE chat.push_outbox o
                   SET leased_until = now() + $2 * interval '1 millisecond', attempts = o.attempts + 1
                  FROM chat.devices d
                 WHERE o.id IN (SELECT id FROM chat.push_outbox
                                 WHERE due_at <= now() AND (leased_until IS NULL OR leased_until <= now())
                                 ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED)
                   AND d.user_id = o.user_id AND d.device_id = o.device_id
                RETURNING o.id, o.user_id, o.device_id, o.payload, o.attempts, o.created_at,
                          d.platform, d.token, d.p256dh, d.auth, d.app_id""")
                .execute(Tuple.of(limit, lease.toMillis()))
                .map(rows -> {
                    List<Leased> leased = new ArrayList<>(rows.rowCount());
                    for (Row row : rows) {
                        leased.add(new Leased(row.getUUID("id"), row.getLong("user_id"), row.getString("device_id"),
                                row.getString("payload"), row.getInteger("attempts"),
                                row.getOffsetDateTime("created_at").toInstant(), row.getString("platform"),
                                row.getString("token"), row.getString("p256dh"), row.getString("auth"),
                                row.getString("app_id")));
                    }
                    return leased;
                });
    }

    /** The push is done with (sent, or dropped). */
    public Uni<Void> remove(UUID id) {
        return pool.preparedQuery("DELETE FROM chat.push_outbox WHERE id = $1").execute(Tuple.of(id))
                .replaceWithVoid();
    }

    /** The push is due again after {@code delay}. */
    public Uni<Void> retry(UUID id, Duration delay) {
        return pool.preparedQuery("""
                UPDATE chat.push_outbox SET due_at = now() + $2 * interval '1 millisecond', leased_until = NULL
                 WHERE id = $1""")
                .execute(Tuple.of(id, delay.toMillis())).replaceWithVoid();
    }

    /**
     * Removes the device whose token the provider called dead (with its waiting pushes), unless it was registered
     * again with another token meanwhile.
     */
    public Uni<Void> removeDevice(long userId, String deviceId, String token) {
        return pool.preparedQuery("DELETE FROM chat.devices WHERE user_id = $1 AND device_id = $2 AND token = $3")
                .execute(Tuple.of(userId, deviceId, token)).replaceWithVoid();
    }

    public Uni<Backlog> backlog() {
        return pool.query("""
                SELECT count(*) AS depth,
                       coalesce(extract(epoch FROM now() - min(created_at)) * 1000, 0)::bigint AS oldest
                  FROM chat.push_outbox""").execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Backlog(row.getLong("depth"), Duration.ofMillis(row.getLong("oldest")));
                });
    }
}
