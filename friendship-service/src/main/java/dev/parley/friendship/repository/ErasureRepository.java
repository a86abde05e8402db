package dev.parley.friendship.repository;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.parley.friendship.api.RelationshipChanged;

/**
 * Erasing a deleted account: native SQL on the transaction a feed handler is given (no Hibernate session there),
 * with the schema named, since a pooled connection's search_path does not include it.
 */
@ApplicationScoped
public class ErasureRepository {

    private final String others;
    private final String erase;
    private final String states;

    public ErasureRepository(@ConfigProperty(name = "quarkus.flyway.default-schema") String schema) {
        String s = '"' + schema.replace("\"", "") + '"';
        this.others = "SELECT CASE WHEN user_low = $1 THEN user_high ELSE user_low END AS other FROM " + s
                + ".friendships WHERE user_low = $1 OR user_high = $1"
                + " UNION SELECT CASE WHEN blocker_id = $1 THEN blocked_id ELSE blocker_id END FROM " + s
                + ".blocks WHERE blocker_id = $1 OR blocked_id = $1";
        this.erase = "WITH f AS (DELETE FROM " + s + ".friendships WHERE user_low = $1 OR user_high = $1"
                + " RETURNING CASE WHEN user_low = $1 THEN user_high ELSE user_low END AS other),"
                + " b AS (DELETE FROM " + s + ".blocks WHERE blocker_id = $1 OR blocked_id = $1"
                + " RETURNING CASE WHEN blocker_id = $1 THEN blocked_id ELSE blocker_id END AS other),"
                + " e AS (DELETE FROM " + s + ".friendship_events WHERE actor_id = $1 OR subject_id = $1)"
                + " SELECT other FROM f UNION SELECT other FROM b";
        this.states = "SELECT o.other, EXISTS (SELECT 1 FROM " + s + ".friendships f"
                + " WHERE f.user_low = least($1, o.other) AND f.user_high = greatest($1, o.other)"
                + " AND f.accepted_at IS NOT NULL) AS friends,"
                + " ARRAY(SELECT b.blocker_id FROM " + s
                + ".blocks b WHERE (b.blocker_id = $1 AND b.blocked_id = o.other)"
                + " OR (b.blocker_id = o.other AND b.blocked_id = $1) ORDER BY b.blocker_id) AS blocked_by"
                + " FROM unnest($2::bigint[]) AS o(other) ORDER BY o.other";
    }

    /** The users who share a request, a friendship or a block with the user, in either direction. */
    public Uni<Set<Long>> othersOf(SqlClient tx, long userId) {
        return tx.preparedQuery(others).execute(Tuple.of(userId)).map(ErasureRepository::ids);
    }

    /**
     * Deletes the user's requests, friendships and blocks in either direction and the history rows they acted in or
     * were the subject of; answers the users whose pair with the user changed.
     */
    public Uni<Set<Long>> erase(SqlClient tx, long userId) {
        return tx.preparedQuery(erase).execute(Tuple.of(userId)).map(ErasureRepository::ids);
    }

    /** The state of the user's pair with each of {@code others}, as the transaction sees it now. */
    public Uni<List<RelationshipChanged>> statesOf(SqlClient tx, long userId, Set<Long> others) {
        return tx.preparedQuery(states).execute(Tuple.of(userId, others.toArray(new Long[0]))).map(rows -> {
            List<RelationshipChanged> found = new ArrayList<>();
            for (Row row : rows) {
                long other = row.getLong("other");
                found.add(new RelationshipChanged(Math.min(userId, other), Math.max(userId, other),
                        row.getBoolean("friends"), Arrays.asList(row.getArrayOfLongs("blocked_by"))));
            }
            return found;
        });
    }

    private static Set<Long> ids(RowSet<Row> rows) {
        Set<Long> ids = new TreeSet<>();
        for (Row row : rows) {
            ids.add(row.getLong(0));
        }
        return ids;
    }
}
