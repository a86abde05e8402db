package dev.parley.chat.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.parley.chat.api.DeviceView;

/**
 * The devices that receive pushes ({@code chat.devices}). Plain SQL on the reactive client: a registration replaces,
 * moves a token and trims the least recently used in one transaction, and the account feed's handlers write inside
 * the feed's own transaction.
 */
@ApplicationScoped
public class DeviceRepository {

    /** A device to register; {@code token} is the Web Push endpoint for {@code webpush}. */
    public record NewDevice(long userId, String deviceId, Long sessionId, String platform, String token,
            String p256dh, String auth, String appId, String locale) {
    }

    private final Pool pool;

    public DeviceRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Registers the device, or replaces the one with its id; answers whether it is new. The token leaves any other
     * registration, and past {@code max} devices the user's least recently used are dropped.
     */
    public Uni<Boolean> register(NewDevice device, Instant now, int max) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        // The user's settings row is locked first, so two registrations of one user trim one after the other.
        return pool.withTransaction(tx -> tx.preparedQuery("""
                INSERT INTO chat.notification_settings (user_id) VALUES ($1)
                ON CONFLICT (user_id) DO UPDATE SET previews = chat.notification_settings.previews""")
                .execute(Tuple.of(device.userId()))
                .chain(() -> tx.preparedQuery("""
                        DELETE FROM chat.devices WHERE platform = $1 AND token = $2
                           AND (user_id, device_id) <> ($3, $4)""")
                        .execute(Tuple.of(device.platform(), device.token(), device.userId(), device.deviceId())))
                .chain(() -> tx.preparedQuery("""
                        INSERT INTO chat.devices (user_id, device_id, session_id, platform, token, p256dh, auth,
                                                  app_id, locale, created_at, last_used_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
                        ON CONFLICT (user_id, device_id) DO UPDATE
                           SET session_id = EXCLUDED.session_id, platform = EXCLUDED.platform,
                               token = EXCLUDED.token, p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth,
                               app_id = EXCLUDED.app_id, locale = EXCLUDED.locale, badge = NULL,
                               last_used_at = EXCLUDED.last_used_at
                        RETURNING xmax = 0 AS created""")
                        .execute(Tuple.tuple(Arrays.asList(device.userId(), device.deviceId(), device.sessionId(),
                                device.platform(), device.token(), device.p256dh(), device.auth(), device.appId(),
                                device.locale(), at))))
                .map(rows -> rows.iterator().next().getBoolean("created"))
                .call(created -> tx.preparedQuery("""
                        DELETE FROM chat.devices WHERE user_id = $1 AND device_id IN (
                            SELECT device_id FROM chat.devices WHERE user_id = $1
                             ORDER BY last_used_at DESC, created_at DESC OFFSET $2)""")
                        .execute(Tuple.of(device.userId(), max))));
    }

    /** The user's devices, most recently used first. */
    public Uni<List<DeviceView>> list(long userId) {
        return pool.preparedQuery("""
                SELECT device_id, platform, app_id, created_at, last_used_at FROM chat.devices
                 WHERE user_id = $1 ORDER BY last_used_at DESC, device_id""")
                .execute(Tuple.of(userId))
                .map(rows -> {
                    List<DeviceView> devices = new ArrayList<>(rows.rowCount());
                    for (Row row : rows) {
                        devices.add(new DeviceView(row.getString("device_id"), row.getString("platform"),
                                row.getString("app_id"), instant(row, "created_at"), instant(row, "last_used_at")));
                    }
                    return devices;
                });
    }

    /** Removes the device; answers whether it was there. */
    public Uni<Boolean> remove(long userId, String deviceId) {
        return pool.preparedQuery("DELETE FROM chat.devices WHERE user_id = $1 AND device_id = $2")
                .execute(Tuple.of(userId, deviceId)).map(rows -> rows.rowCount() > 0);
    }

    /** Removes the devices registered by the session; answers how many. */
    public Uni<Integer> removeSession(SqlConnection tx, long sessionId) {
        return tx.preparedQuery("DELETE FROM chat.devices WHERE session_id = $1").execute(Tuple.of(sessionId))
                .map(RowSet::rowCount);
    }

    /** Forgets the user's devices and notification choices. */
    public Uni<Void> forget(SqlConnection tx, long userId) {
        return tx.preparedQuery("DELETE FROM chat.devices WHERE user_id = $1").execute(Tuple.of(userId))
                .chain(() -> tx.preparedQuery("DELETE FROM chat.conversation_notifications WHERE user_id = $1")
                        .execute(Tuple.of(userId)))
                .chain(() -> tx.preparedQuery("DELETE FROM chat.notification_settings WHERE user_id = $1")
                        .execute(Tuple.of(userId)))
                .replaceWithVoid();
    }

    private static Instant instant(Row row, String column) {
        return row.getOffsetDateTime(column).toInstant();
    }
}
