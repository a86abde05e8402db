package dev.parley.friendship;

import static dev.parley.friendship.support.Api.as;
import static dev.parley.friendship.support.Api.sendRequest;
import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import dev.parley.friendship.support.Api;
import dev.parley.friendship.support.Users;
import dev.parley.friendship.support.Users.TestUser;
import dev.parley.testing.Database;

@QuarkusTest
class FriendRequestTest {

    @Inject
    DataSource db;

    @Test
    void sendingARequestCreatesItPendingAndRecordsIt() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();

        JsonPath request = sendRequest(alice, bob.id()).then().statusCode(201)
                .body("id", notNullValue())
                .body("requester_id", equalTo((int) alice.id()))
                .body("addressee_id", equalTo((int) bob.id()))
                .body("status", equalTo("pending"))
                .body("created_at", notNullValue())
                .body("accepted_at", nullValue())
                .extract().jsonPath();

        assertThat(Database.count(db, "select count(*) from friendship.friendships where id = ? and requester_id = ? "
                + "and addressee_id = ? and accepted_at is null", request.getLong("id"), alice.id(), bob.id()))
                .isEqualTo(1);
        assertThat(Database.count(db, "select count(*) from friendship.friendship_events where type = 'REQUESTED' "
                + "and actor_id = ? and subject_id = ?", alice.id(), bob.id())).isEqualTo(1);
    }

    @Test
    void requestingSomeoneWhoseRequestIsPendingAcceptsTheirs() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        long id = Api.pendingRequest(alice, bob);

        sendRequest(bob, alice.id()).then().statusCode(200)
                .body("id", equalTo((int) id))
                .body("requester_id", equalTo((int) alice.id()))
                .body("addressee_id", equalTo((int) bob.id()))
                .body("status", equalTo("accepted"))
                .body("accepted_at", notNullValue());

        assertThat(Database.count(db, "select count(*) from friendship.friendships where user_low = ? "
                + "and user_high = ? and accepted_at is not null", alice.id(), bob.id())).isEqualTo(1);
        assertThat(Api.statusBetween(alice, bob)).isEqualTo("friends");
    }

    @Test
    void aRequestNeedsAnotherExistingUser() {
        TestUser alice = Users.create();
        as(alice).contentType(ContentType.JSON).body(Map.of()).post("/v1/friendships/requests")
                .then().spec(error(400, "expected 'user_id' key"));
        as(alice).contentType(ContentType.JSON).body("{\"user_id\": null}").post("/v1/friendships/requests")
                .then().spec(error(400, "expected 'user_id' key"));
        as(alice).contentType(ContentType.JSON).body("{\"user_id\": \"bob\"}").post("/v1/friendships/requests")
                .then().spec(error(400, "Invalid value for 'user_id'"));
        as(alice).contentType(ContentType.JSON).body("{\"user_id\": {\"id\": 1}}").post("/v1/friendships/requests")
                .then().spec(error(400, "Invalid value for 'user_id'"));
        as(alice).contentType(ContentType.JSON).body("{\"user_id\": 1001.5}").post("/v1/friendships/requests")
                .then().spec(error(400, "Invalid value for 'user_id'"));
        as(alice).contentType(ContentType.JSON).body("{\"user_id\": \"1001\"}").post("/v1/friendships/requests")
                .then().spec(error(400, "Invalid value for 'user_id'"));
        as(alice).contentType(ContentType.JSON).body("{\"user_id\": true}").post("/v1/friendships/requests")
                .then().spec(error(400, "Invalid value for 'user_id'"));
        as(alice).contentType(ContentType.JSON).body("{\"user_id\": 123456789012345678901234567890}")
                .post("/v1/friendships/requests").then().spec(error(400, "Invalid value for 'user_id'"));
        sendRequest(alice, alice.id()).then().spec(error(400, "You cannot befriend yourself"));

        long stranger = Users.unknownId();
        sendRequest(alice, stranger).then().spec(error(404, "User " + stranger + " not found"));
        assertThat(Database.count(db, "select count(*) from friendship.friendships where requester_id = ?",
                alice.id())).isZero();
    }

    @Test
    void aSecondRequestToTheSameUserConflicts() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        Api.pendingRequest(alice, bob);

        sendRequest(alice, bob.id()).then().spec(error(409, "A friend request is already pending"));
        assertThat(Database.count(db, "select count(*) from friendship.friendships where requester_id = ?",
                alice.id())).isEqualTo(1);
    }

    @Test
    void friendsCannotRequestEachOtherAgain() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        Api.befriend(alice, bob);

        sendRequest(alice, bob.id()).then().spec(error(409, "You are already friends"));
        sendRequest(bob, alice.id()).then().spec(error(409, "You are already friends"));
    }

    @Test
    void theAddresseeAcceptsAPendingRequest() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        long id = Api.pendingRequest(alice, bob);

        Api.accept(bob, id).then().statusCode(200)
                .body("id", equalTo((int) id))
                .body("status", equalTo("accepted"))
                .body("accepted_at", notNullValue());
        assertThat(Database.count(db, "select count(*) from friendship.friendship_events where type = 'ACCEPTED' "
                + "and actor_id = ? and subject_id = ?", bob.id(), alice.id())).isEqualTo(1);
        // Accepted once: it is no longer a request anyone can act on.
        Api.accept(bob, id).then().spec(error(404, "Friend request " + id + " not found"));
    }

    @Test
    void theAddresseeDeclinesAPendingRequest() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        long id = Api.pendingRequest(alice, bob);

        Api.decline(bob, id).then().statusCode(204);
        assertThat(Database.count(db, "select count(*) from friendship.friendships where id = ?", id)).isZero();
        assertThat(Database.count(db, "select count(*) from friendship.friendship_events where type = 'DECLINED' "
                + "and actor_id = ? and subject_id = ?", bob.id(), alice.id())).isEqualTo(1);
        assertThat(Api.statusBetween(alice, bob)).isEqualTo("none");
        Api.decline(bob, id).then().spec(error(404, "Friend request " + id + " not found"));
    }

    @Test
    void theRequesterCancelsAPendingRequest() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        long id = Api.pendingRequest(alice, bob);

        Api.cancel(alice, id).then().statusCode(204);
        assertThat(Database.count(db, "select count(*) from friendship.friendships where id = ?", id)).isZero();
        assertThat(Database.count(db, "select count(*) from friendship.friendship_events where type = 'CANCELLED' "
                + "and actor_id = ? and subject_id = ?", alice.id(), bob.id())).isEqualTo(1);
        Api.cancel(alice, id).then().spec(error(404, "Friend request " + id + " not found"));
        // A cancelled request may be sent again at once.
        sendRequest(alice, bob.id()).then().statusCode(201);
    }

    @Test
    void unknownRequestsAreNotFound() {
        TestUser alice = Users.create();
        Api.accept(alice, 987654321).then().spec(error(404, "Friend request 987654321 not found"));
        Api.decline(alice, 987654321).then().spec(error(404, "Friend request 987654321 not found"));
        Api.cancel(alice, 987654321).then().spec(error(404, "Friend request 987654321 not found"));
    }
}
