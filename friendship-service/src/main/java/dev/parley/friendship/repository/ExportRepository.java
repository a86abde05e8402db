package dev.parley.friendship.repository;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What this service holds about one user, as the JSON of their data export, built by PostgreSQL in one native query
 * (json_build_object/json_agg are beyond HQL). Only what concerns the user: the other users appear by id alone, and
 * blocks against the user are left out, as they are never revealed.
 */
@ApplicationScoped
public class ExportRepository {

    // ISO-8601 in UTC, as the API writes instants.
    private static final String UTC = "to_char(%s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

    private final Pool pool;
    private final String export;

    public ExportRepository(Pool pool, @ConfigProperty(name = "quarkus.flyway.default-schema") String schema) {
        this.pool = pool;
        String s = '"' + schema.replace("\"", "") + '"';
        this.export = "SELECT json_build_object("
                + "'friends', " + list("'user_id', CASE WHEN requester_id = $1 THEN addressee_id ELSE requester_id"
                        + " END, 'since', " + UTC.formatted("accepted_at"), "accepted_at, id", s + ".friendships",
                        "(user_low = $1 OR user_high = $1) AND accepted_at IS NOT NULL")
                + ", 'requests_sent', " + list("'user_id', addressee_id, 'created_at', "
                        + UTC.formatted("created_at"), "created_at, id", s + ".friendships",
                        "requester_id = $1 AND accepted_at IS NULL")
                + ", 'requests_received', " + list("'user_id', requester_id, 'created_at', "
                        + UTC.formatted("created_at"), "created_at, id", s + ".friendships",
                        "addressee_id = $1 AND accepted_at IS NULL")
                + ", 'blocked', " + list("'user_id', blocked_id, 'created_at', " + UTC.formatted("created_at"),
                        "created_at, id", s + ".blocks", "blocker_id = $1")
                + ")::text AS export";
    }

    /** The user's friends, pending requests both ways and blocks, as one JSON object. */
    public Uni<String> exportOf(long userId) {
        return pool.preparedQuery(export).execute(Tuple.of(userId))
                .map(rows -> rows.iterator().next().getString("export"));
    }

    private static String list(String fields, String order, String table, String condition) {
        return "coalesce((SELECT json_agg(json_build_object(" + fields + ") ORDER BY " + order + ") FROM " + table
                + " WHERE " + condition + "), '[]'::json)";
    }
}
