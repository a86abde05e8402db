package dev.parley.account.repository;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code rate_limits} rows common's RateLimiter keeps, for what it does not offer: clearing many at once. */
@ApplicationScoped
public class RateLimitRepository {

    private final Pool pool;
    private final String table;

    // The table lives in the schema Flyway migrates, whatever the connection's search_path (as RateLimitStore has it).
    public RateLimitRepository(Pool pool, @ConfigProperty(name = "quarkus.flyway.default-schema") String schema) {
        this.pool = pool;
        this.table = '"' + schema.replace("\"", "") + "\".rate_limits";
    }

    /** Forgets every subject of the limit that starts with the prefix. */
    public Uni<Void> clearSubjectsStartingWith(String limit, String subjectPrefix) {
        // Raw SQL: RateLimiter clears one subject at a time; its keys are "<limit>:<subject>".
        return pool.preparedQuery("DELETE FROM " + table + " WHERE starts_with(key, $1)")
                .execute(Tuple.of(limit + ":" + subjectPrefix))
                .replaceWithVoid();
    }
}
