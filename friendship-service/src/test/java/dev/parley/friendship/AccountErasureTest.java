package dev.parley.friendship;

import static dev.parley.friendship.support.Api.as;
import static dev.parley.friendship.support.Api.block;
import static dev.parley.friendship.support.Published.keyOf;
import static dev.parley.friendship.support.Published.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.parley.friendship.support.AccountFeedStub;
import dev.parley.friendship.support.Api;
import dev.parley.friendship.support.Published;
import dev.parley.friendship.support.Published.Event;
import dev.parley.friendship.support.Users;
import dev.parley.friendship.support.Users.TestUser;
import dev.parley.testing.Database;

/** A deleted account (account.deleted on account-service's feed) leaves nothing behind in friendship-service. */
@QuarkusTest
class AccountErasureTest {

    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @Inject
    DataSource db;

    @Test
    void aDeletedAccountLeavesNoRowAndEachOfItsPairsIsPublishedAsUnrelated() throws Exception {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        TestUser carol = Users.create();
        TestUser dave = Users.create();
        TestUser erin = Users.create();
        TestUser frank = Users.create();
        TestUser gina = Users.create();
        Api.befriend(alice, bob);
        Api.pendingRequest(carol, alice);
        Api.pendingRequest(alice, dave);
        block(alice, erin.id()).then().statusCode(201);
        block(frank, alice.id()).then().statusCode(201);
        Api.decline(alice, Api.pendingRequest(gina, alice)).then().statusCode(204);
        Api.befriend(bob, carol);
        long before = Published.lastPosition(db);

        long position = deleteAccount(alice);
        awaitApplied(position);

        assertThat(rowsAbout(alice)).isZero();
        assertThat(Published.after(db, before)).extracting(Event::key).containsExactlyInAnyOrder(keyOf(alice, bob),
                keyOf(alice, carol), keyOf(alice, dave), keyOf(alice, erin), keyOf(alice, frank));
        assertThat(Published.after(db, before)).allSatisfy(event -> {
            assertThat(event.type()).isEqualTo("relationship.changed");
            assertThat(event.compacted()).isTrue();
            String[] pair = event.key().split(":");
            assertThat(event.data()).isEqualTo(state(Long.parseLong(pair[0]), Long.parseLong(pair[1]), false));
        });
        // Everybody else's relationships are as they were.
        as(bob).get("/v1/friendships").then().statusCode(200).body("items.user_id", contains((int) carol.id()));
        as(frank).get("/v1/blocks").then().statusCode(200).body("items", empty());
        Api.requests(dave, "incoming").then().statusCode(200).body("items", empty());
        assertThat(Database.count(db, "select count(*) from friendship.friendship_events where actor_id in (?, ?) "
                + "and subject_id in (?, ?)", bob.id(), carol.id(), bob.id(), carol.id())).isEqualTo(2);
    }

    @Test
    void theSameDeletionDeliveredAgainChangesAndPublishesNothing() throws Exception {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        Api.befriend(alice, bob);
        awaitApplied(deleteAccount(alice));
        long before = Published.lastPosition(db);
        Api.befriend(bob, Users.create());
        long afterBob = Published.lastPosition(db);

        long again = deleteAccount(alice);
        awaitApplied(again);

        assertThat(Published.after(db, afterBob)).isEmpty();
        assertThat(Published.after(db, before)).hasSize(2);
        assertThat(rowsAbout(alice)).isZero();
        as(bob).get("/v1/friendships").then().statusCode(200).body("items", hasSize(1));
        assertThat(Database.count(db, "select position from friendship.feed_positions where feed = 'account'"))
                .isEqualTo(again);
    }

    @Test
    void otherEventsOfTheAccountFeedChangeNothing() throws Exception {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        Api.befriend(alice, bob);
        long before = Published.lastPosition(db);

        long position = AccountFeedStub.publish("session.revoked", "12345", Map.of("session_id", 12345,
                "user_id", alice.id(), "until", Instant.now().minusSeconds(60).toString()));
        awaitApplied(position);

        assertThat(Published.after(db, before)).isEmpty();
        assertThat(Api.statusBetween(alice, bob)).isEqualTo("friends");
    }

    private static long deleteAccount(TestUser user) {
        return AccountFeedStub.publish("account.deleted", Long.toString(user.id()), Map.of("user_id", user.id()));
    }

    /** Waits until the service has recorded the account feed as applied up to the position, within a deadline. */
    private void awaitApplied(long position) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (Database.count(db,
                    "select position from friendship.feed_positions where feed = 'account'") >= position) {
                return;
            }
            Thread.sleep(50);
        }
        fail("The account feed was not applied up to position %d within %s", position, DEADLINE);
    }

    private long rowsAbout(TestUser user) {
        long id = user.id();
        return Database.count(db, "select count(*) from friendship.friendships where requester_id = ? "
                + "or addressee_id = ?", id, id)
                + Database.count(db, "select count(*) from friendship.blocks where blocker_id = ? or blocked_id = ?",
                        id, id)
                + Database.count(db, "select count(*) from friendship.friendship_events where actor_id = ? "
                        + "or subject_id = ?", id, id);
    }
}
