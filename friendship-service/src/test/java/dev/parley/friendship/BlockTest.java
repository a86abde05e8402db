package dev.parley.friendship;

import static dev.parley.friendship.support.Api.as;
import static dev.parley.friendship.support.Api.block;
import static dev.parley.friendship.support.Api.sendRequest;
import static dev.parley.friendship.support.Api.statusBetween;
import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.parley.friendship.support.Api;
import dev.parley.friendship.support.Users;
import dev.parley.friendship.support.Users.TestUser;
import dev.parley.testing.Database;

@QuarkusTest
class BlockTest {

    @Inject
    DataSource db;

    @Test
    void blockingEndsAFriendship() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        Api.befriend(alice, bob);

        block(alice, bob.id()).then().statusCode(201)
                .body("user_id", equalTo((int) bob.id()))
                .body("created_at", notNullValue());
        assertThat(pairRows(alice, bob)).isZero();
        as(bob).get("/v1/friendships").then().body("items", empty());
        assertThat(Database.count(db, "select count(*) from friendship.blocks where blocker_id = ? "
                + "and blocked_id = ?", alice.id(), bob.id())).isEqualTo(1);
    }

    @Test
    void blockingRemovesAPendingRequestInEitherDirection() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        TestUser carol = Users.create();
        long fromBob = Api.pendingRequest(bob, alice);
        Api.pendingRequest(alice, carol);

        block(alice, bob.id()).then().statusCode(201);
        block(alice, carol.id()).then().statusCode(201);
        assertThat(pairRows(alice, bob)).isZero();
        assertThat(pairRows(alice, carol)).isZero();
        Api.accept(alice, fromBob).then().spec(error(404, "Friend request " + fromBob + " not found"));
        Api.requests(bob, "outgoing").then().body("items", empty());
    }

    @Test
    void aBlockHidesTheBlockerFromTheBlockedUser() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        block(alice, bob.id()).then().statusCode(201);

        // Bob is told Alice does not exist, exactly as for an unknown id, and sees no relationship.
        sendRequest(bob, alice.id()).then().spec(error(404, "User " + alice.id() + " not found"));
        assertThat(statusBetween(bob, alice)).isEqualTo("none");
        // Alice sees her own block, and cannot befriend Bob while it stands either.
        assertThat(statusBetween(alice, bob)).isEqualTo("blocked");
        sendRequest(alice, bob.id()).then().spec(error(404, "User " + bob.id() + " not found"));
        assertThat(pairRows(alice, bob)).isZero();
    }

    @Test
    void blocksInBothDirectionsKeepBothApart() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        block(alice, bob.id()).then().statusCode(201);
        block(bob, alice.id()).then().statusCode(201);
        assertThat(statusBetween(alice, bob)).isEqualTo("blocked");
        assertThat(statusBetween(bob, alice)).isEqualTo("blocked");

        Api.unblock(alice, bob.id()).then().statusCode(204);
        assertThat(statusBetween(alice, bob)).isEqualTo("none");
        sendRequest(alice, bob.id()).then().spec(error(404, "User " + bob.id() + " not found"));
        sendRequest(bob, alice.id()).then().spec(error(404, "User " + alice.id() + " not found"));
    }

    @Test
    void unblockingAllowsRequestsAgain() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        block(alice, bob.id()).then().statusCode(201);

        Api.unblock(alice, bob.id()).then().statusCode(204);
        assertThat(Database.count(db, "select count(*) from friendship.blocks where blocker_id = ?", alice.id()))
                .isZero();
        assertThat(statusBetween(alice, bob)).isEqualTo("none");
        sendRequest(bob, alice.id()).then().statusCode(201);
        Api.unblock(alice, bob.id()).then().spec(error(404, "User " + bob.id() + " is not blocked"));
    }

    @Test
    void blockingTwiceConflictsAndNobodyElsesBlockCanBeLifted() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        block(alice, bob.id()).then().statusCode(201);

        block(alice, bob.id()).then().spec(error(409, "User " + bob.id() + " is already blocked"));
        // Bob cannot lift Alice's block: he has none of his own to lift.
        Api.unblock(bob, alice.id()).then().spec(error(404, "User " + alice.id() + " is not blocked"));
        assertThat(statusBetween(alice, bob)).isEqualTo("blocked");
    }

    @Test
    void aBlockNeedsAnotherExistingUser() {
        TestUser alice = Users.create();
        as(alice).contentType(ContentType.JSON).body(Map.of()).post("/v1/blocks")
                .then().spec(error(400, "expected 'user_id' key"));
        as(alice).contentType(ContentType.JSON).body("{\"user_id\": \"x\"}").post("/v1/blocks")
                .then().spec(error(400, "Invalid value for 'user_id'"));
        block(alice, alice.id()).then().spec(error(400, "You cannot block yourself"));
        long stranger = Users.unknownId();
        block(alice, stranger).then().spec(error(404, "User " + stranger + " not found"));
        assertThat(Database.count(db, "select count(*) from friendship.blocks where blocker_id = ?", alice.id()))
                .isZero();
    }

    @Test
    void blocksAreListedMostRecentFirstAndPaged() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        TestUser carol = Users.create();
        TestUser dave = Users.create();
        block(alice, bob.id()).then().statusCode(201);
        block(alice, carol.id()).then().statusCode(201);
        block(alice, dave.id()).then().statusCode(201);
        block(bob, alice.id()).then().statusCode(201);

        String cursor = as(alice).queryParam("limit", 2).get("/v1/blocks").then().statusCode(200)
                .body("items.user_id", contains((int) dave.id(), (int) carol.id()))
                .body("next_cursor", notNullValue())
                .extract().path("next_cursor");
        as(alice).queryParam("limit", 2).queryParam("cursor", cursor).get("/v1/blocks").then().statusCode(200)
                .body("items.user_id", contains((int) bob.id()))
                .body("next_cursor", nullValue());
        as(bob).get("/v1/blocks").then().statusCode(200).body("items.user_id", contains((int) alice.id()));
    }

    private long pairRows(TestUser a, TestUser b) {
        return Database.count(db, "select count(*) from friendship.friendships where user_low = ? and user_high = ?",
                Math.min(a.id(), b.id()), Math.max(a.id(), b.id()));
    }
}
