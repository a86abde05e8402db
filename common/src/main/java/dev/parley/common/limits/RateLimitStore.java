package dev.parley.common.limits;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code rate_limits} table of the service's own schema. Plain SQL on the pool, outside any business transaction:
 * an upsert that appends a hit only while fewer than the max lie inside the window, so concurrent callers on any
 * replica queue on the key's row and never pass together.
 */
@ApplicationScoped
public class RateLimitStore {

    /** The hits of a key still inside its window, oldest first, and the database's clock when they were read. */
    public record Hits(List<Instant> times, Instant now) {
    }

    private final Pool pool;
    private final String table;

    // The table lives in the schema Flyway migrates, whatever the connection's search_path.
    public RateLimitStore(Pool pool, @ConfigProperty(name = "quarkus.flyway.default-schema") String schema) {
        this.pool = pool;
        this.table = '"' + schema.replace("\"", "") + "\".rate_limits";
    }

    /** Records a hit and answers true, or answers false without recording when the window is full. */
    public Uni<Boolean> tryHit(String key, Rate rate) {
        return pool.preparedQuery("""
                INSERT INTO %s AS r (key, hits, expires_at)
                VALUES ($1, ARRAY[now()], now() + make_interval(secs => $2))
                ON CONFLICT (key) DO UPDATE
                   SET hits = ARRAY(SELECT h FROM unnest(r.hits) h WHERE h > now() - make_interval(secs => $2)
                                     ORDER BY h) || now(),
                       expires_at = now() + make_interval(secs => $2)
                 WHERE (SELECT count(*) FROM unnest(r.hits) h WHERE h > now() - make_interval(secs => $2)) < $3
                RETURNING 1""".formatted(table))
                .execute(Tuple.of(key, seconds(rate.window()), (long) rate.max()))
                .map(rows -> rows.rowCount() > 0);
    }

    public Uni<Hits> hits(String key, Duration window) {
        return pool.preparedQuery("""
                SELECT ARRAY(SELECT h FROM unnest(hits) h WHERE h > now() - make_interval(secs => $2) ORDER BY h)
                       AS hits, now() AS now
                  FROM %s WHERE key = $1""".formatted(table))
                .execute(Tuple.of(key, seconds(window)))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return new Hits(List.of(), Instant.now());
                    }
                    Row row = rows.iterator().next();
                    List<Instant> times = Arrays.stream(row.getArrayOfOffsetDateTimes("hits"))
                            .map(OffsetDateTime::toInstant).toList();
                    return new Hits(times, row.getOffsetDateTime("now").toInstant());
                });
    }

    /** Takes back the newest hit, for an attempt that turned out not to count. */
    public Uni<Void> removeNewest(String key) {
        return pool.preparedQuery("UPDATE " + table + " SET hits = hits[1:cardinality(hits) - 1] WHERE key = $1")
                .execute(Tuple.of(key)).replaceWithVoid();
    }

    public Uni<Void> clear(String key) {
        return pool.preparedQuery("DELETE FROM " + table + " WHERE key = $1").execute(Tuple.of(key)).replaceWithVoid();
    }

    /** Deletes every key that starts with the prefix. */
    public Uni<Void> clearStartingWith(String prefix) {
        return pool.preparedQuery("DELETE FROM " + table + " WHERE starts_with(key, $1)").execute(Tuple.of(prefix))
                .replaceWithVoid();
    }

    /** Deletes keys whose every hit has left its window. */
    public Uni<Integer> purgeExpired() {
        return pool.query("DELETE FROM " + table + " WHERE expires_at < now()").execute().map(rows -> rows.rowCount());
    }

    private static double seconds(Duration window) {
        return window.toMillis() / 1000.0;
    }
}
