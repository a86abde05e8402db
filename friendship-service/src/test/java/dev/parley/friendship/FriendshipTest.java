package dev.parley.friendship;

import static dev.parley.friendship.support.Api.as;
import static dev.parley.friendship.support.Api.statusBetween;
import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.parley.friendship.support.Api;
import dev.parley.friendship.support.Users;
import dev.parley.friendship.support.Users.TestUser;
import dev.parley.testing.Database;

@QuarkusTest
class FriendshipTest {

    @Inject
    DataSource db;

    @Test
    void friendsAreListedMostRecentFirstAndPaged() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        TestUser carol = Users.create();
        TestUser dave = Users.create();
        Api.befriend(alice, bob);
        Api.befriend(carol, alice);
        Api.befriend(alice, dave);
        Api.pendingRequest(alice, Users.create());

        as(alice).get("/v1/friendships").then().statusCode(200)
                .body("items.user_id", contains((int) dave.id(), (int) carol.id(), (int) bob.id()))
                .body("items.since", hasSize(3))
                .body("items[0].since", notNullValue())
                .body("next_cursor", nullValue());

        String cursor = as(alice).queryParam("limit", 2).get("/v1/friendships").then().statusCode(200)
                .body("items.user_id", contains((int) dave.id(), (int) carol.id()))
                .extract().path("next_cursor");
        as(alice).queryParam("limit", 2).queryParam("cursor", cursor).get("/v1/friendships").then().statusCode(200)
                .body("items.user_id", contains((int) bob.id()))
                .body("next_cursor", nullValue());
        as(bob).get("/v1/friendships").then().statusCode(200).body("items.user_id", contains((int) alice.id()));
    }

    @Test
    void relationshipShowsWhereTheCallerStands() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        assertThat(statusBetween(alice, bob)).isEqualTo("none");

        long id = Api.pendingRequest(alice, bob);
        assertThat(statusBetween(alice, bob)).isEqualTo("outgoing");
        assertThat(statusBetween(bob, alice)).isEqualTo("incoming");

        Api.accept(bob, id).then().statusCode(200);
        Api.relationship(alice, bob.id()).then().statusCode(200)
                .body("user_id", equalTo((int) bob.id()))
                .body("status", equalTo("friends"));
        assertThat(statusBetween(bob, alice)).isEqualTo("friends");
        assertThat(statusBetween(alice, alice)).isEqualTo("none");
    }

    @Test
    void relationshipOnlyEverAnswersAboutTheCallersOwnGraph() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        TestUser mallory = Users.create();
        Api.befriend(alice, bob);

        // Nothing in the API takes a third user's id: Mallory only learns she has no relationship with either.
        assertThat(statusBetween(mallory, alice)).isEqualTo("none");
        assertThat(statusBetween(mallory, bob)).isEqualTo("none");
        as(mallory).get("/v1/friendships").then().statusCode(200).body("items", empty());
    }

    @Test
    void unfriendingEndsTheFriendshipForBoth() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        Api.befriend(alice, bob);

        Api.unfriend(bob, alice.id()).then().statusCode(204);
        assertThat(statusBetween(alice, bob)).isEqualTo("none");
        as(alice).get("/v1/friendships").then().statusCode(200).body("items", empty());
        assertThat(Database.count(db, "select count(*) from friendship.friendships where user_low = ? "
                + "and user_high = ?", alice.id(), bob.id())).isZero();
        assertThat(Database.count(db, "select count(*) from friendship.friendship_events where type = 'REMOVED' "
                + "and actor_id = ? and subject_id = ?", bob.id(), alice.id())).isEqualTo(1);

        // Former friends may become friends again.
        Api.befriend(alice, bob);
        assertThat(statusBetween(alice, bob)).isEqualTo("friends");
    }

    @Test
    void unfriendingSomeoneWhoIsNotAFriendIsNotFound() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        Api.unfriend(alice, bob.id()).then().spec(error(404, "You are not friends with user " + bob.id()));

        // A pending request is not a friendship, and stays untouched.
        Api.pendingRequest(alice, bob);
        Api.unfriend(alice, bob.id()).then().spec(error(404, "You are not friends with user " + bob.id()));
        Api.unfriend(bob, alice.id()).then().spec(error(404, "You are not friends with user " + alice.id()));
        assertThat(statusBetween(alice, bob)).isEqualTo("outgoing");
    }

    @Test
    void everyChangeIsKeptInTheHistory() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        Api.cancel(alice, Api.pendingRequest(alice, bob)).then().statusCode(204);
        Api.decline(alice, Api.pendingRequest(bob, alice)).then().statusCode(204);
        Api.befriend(alice, bob);
        Api.unfriend(alice, bob.id()).then().statusCode(204);
        Api.block(alice, bob.id()).then().statusCode(201);
        Api.unblock(alice, bob.id()).then().statusCode(204);

        String history = (String) Database.single(db, "select string_agg(type, ',' order by id) "
                + "from friendship.friendship_events where (actor_id = ? and subject_id = ?) "
                + "or (actor_id = ? and subject_id = ?)", alice.id(), bob.id(), bob.id(), alice.id());
        assertThat(history).isEqualTo("REQUESTED,CANCELLED,REQUESTED,DECLINED,REQUESTED,ACCEPTED,REMOVED,BLOCKED,"
                + "UNBLOCKED");
        assertThat(Database.count(db, "select count(*) from friendship.friendship_events where occurred_at is null"))
                .isZero();
    }
}
