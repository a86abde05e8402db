package dev.parley.friendship;

import static dev.parley.friendship.support.Published.state;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

import dev.parley.friendship.support.Published;
import dev.parley.testing.Database;

/**
 * The V2 migration publishes the graph that exists when it runs: one relationship.changed per pair that is friends
 * or blocked. Run on schemas of its own, migrated step by step with the service's own migrations.
 */
@QuarkusTest
class RelationshipBackfillTest {

    private static final String SCHEMA = "friendship_backfill";
    private static final String COMMON = "friendship_backfill_common";

    @Inject
    Flyway flyway;

    @Inject
    DataSource db;

    @BeforeEach
    @AfterEach
    void dropSchemas() {
        Database.execute(db, "drop schema if exists " + SCHEMA + " cascade");
        Database.execute(db, "drop schema if exists " + COMMON + " cascade");
    }

    @Test
    void onAnEmptySchemaTheMigrationsPublishNothingAndLeaveCommonsOutbox() throws IOException {
        migrate(null);

        assertThat(Database.count(db, "select count(*) from " + SCHEMA + ".outbox_events")).isZero();
        // The outbox V2 creates is the one common's R__outbox.sql defines, with its indexes added after it.
        runCommonOutboxIn(COMMON);
        assertThat(columnsOf(SCHEMA)).isNotEmpty().isEqualTo(columnsOf(COMMON));
        assertThat(Database.column(db, "select indexname from pg_indexes where schemaname = ? "
                + "and tablename = 'outbox_events' order by indexname", SCHEMA))
                .containsExactly("outbox_events_age", "outbox_events_key", "outbox_events_pkey",
                        "outbox_events_position");
        assertThat(Database.count(db, "select count(*) from pg_trigger where tgrelid = ?::regclass",
                SCHEMA + ".outbox_events")).isEqualTo(1);
    }

    @Test
    void everyPairThatIsFriendsOrBlockedIsPublishedOnceAndPendingRequestsAreNot() {
        migrate("1");
        existingGraph();

        migrate(null);

        assertBackfilled(0);
    }

    @Test
    void anOutboxCommonCreatedBeforeKeepsItsEventsAndTheBackfillFollowsThem() throws IOException {
        migrate("1");
        runCommonOutboxIn(SCHEMA);
        Database.execute(db, "insert into " + SCHEMA + ".outbox_events (type, key, data) "
                + "values ('earlier.event', 'x', '{}')");
        existingGraph();

        migrate(null);

        assertThat(Database.single(db, "select type from " + SCHEMA + ".outbox_events order by position limit 1"))
                .isEqualTo("earlier.event");
        assertBackfilled(1);
    }

    /** Friends 1-2 and 10-9, a pending request 3-4, a block 5-6, blocks both ways 7-8. */
    private void existingGraph() {
        Database.execute(db, "insert into " + SCHEMA + ".friendships (requester_id, addressee_id, created_at, "
                + "accepted_at) values (1, 2, now(), now()), (3, 4, now(), null), (10, 9, now(), now())");
        Database.execute(db, "insert into " + SCHEMA + ".blocks (blocker_id, blocked_id, created_at) "
                + "values (5, 6, now()), (8, 7, now()), (7, 8, now())");
    }

    private void assertBackfilled(int earlier) {
        List<Object> keys = Database.column(db, "select key from " + SCHEMA + ".outbox_events "
                + "where type = 'relationship.changed' and compacted order by position");
        assertThat(keys).containsExactly("1:2", "5:6", "7:8", "9:10");
        // Each has a position, after those of earlier events, so the feed serves them.
        assertThat(Database.count(db, "select count(*) from " + SCHEMA + ".outbox_events where position is null"))
                .isZero();
        assertThat(Database.count(db, "select count(*) from " + SCHEMA + ".outbox_events e where type <> "
                + "'relationship.changed' and position > (select min(position) from " + SCHEMA + ".outbox_events "
                + "where type = 'relationship.changed')")).isZero();
        assertThat(Database.count(db, "select count(*) from " + SCHEMA + ".outbox_events")).isEqualTo(4 + earlier);
        assertThat(dataOf("1:2")).isEqualTo(state(1, 2, true));
        assertThat(dataOf("5:6")).isEqualTo(state(5, 6, false, 5));
        assertThat(dataOf("7:8")).isEqualTo(state(7, 8, false, 7, 8));
        assertThat(dataOf("9:10")).isEqualTo(state(9, 10, true));
    }

    private JsonNode dataOf(String key) {
        return Published.read((String) Database.single(db, "select data from " + SCHEMA + ".outbox_events "
                + "where key = ?", key));
    }

    /** Migrates the test schema with the service's migrations, up to a version or (null) all of them. */
    private void migrate(String target) {
        FluentConfiguration configuration = Flyway.configure().configuration(flyway.getConfiguration())
                .schemas(SCHEMA).defaultSchema(SCHEMA).createSchemas(true);
        if (target != null) {
            configuration.target(target);
        }
        configuration.load().migrate();
    }

    private void runCommonOutboxIn(String schema) throws IOException {
        try (InputStream script = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream("db/common/R__outbox.sql")) {
            assertThat(script).as("common's R__outbox.sql").isNotNull();
            Database.execute(db, "create schema if not exists " + schema);
            Database.execute(db, "begin; set local search_path to " + schema + "; "
                    + new String(script.readAllBytes(), StandardCharsets.UTF_8) + "; commit;");
        }
    }

    private List<Object> columnsOf(String schema) {
        return Database.column(db, "select concat_ws(' ', column_name, data_type, is_nullable, column_default, "
                + "is_identity, identity_generation) from information_schema.columns where table_schema = ? "
                + "and table_name = 'outbox_events' order by ordinal_position", schema);
    }
}
