package dev.parley.friendship;

import static dev.parley.friendship.support.Api.block;
import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

import dev.parley.common.internal.InternalServer;
import dev.parley.friendship.support.Api;
import dev.parley.friendship.support.Internal;
import dev.parley.friendship.support.Published;
import dev.parley.friendship.support.Users;
import dev.parley.friendship.support.Users.TestUser;
import dev.parley.testing.Database;

/** A user's part of their data export, as account-service fetches it from the internal port. */
@QuarkusTest
class UserDataExportTest {

    @Inject
    InternalServer internal;

    @Inject
    DataSource db;

    @Test
    void theExportHoldsTheUsersFriendsRequestsAndBlocksAndNothingAboutOthers() {
        TestUser alice = Users.create();
        TestUser bob = Users.create();
        TestUser carol = Users.create();
        TestUser dave = Users.create();
        TestUser erin = Users.create();
        TestUser frank = Users.create();
        Api.befriend(bob, alice);
        Api.pendingRequest(alice, carol);
        Api.pendingRequest(dave, alice);
        block(alice, erin.id()).then().statusCode(201);
        // Neither someone else's block of Alice nor her friends' own friendships are hers to see.
        block(frank, alice.id()).then().statusCode(201);
        Api.befriend(bob, carol);

        JsonNode export = exportOf(alice);

        assertThat(export.properties()).extracting(entry -> entry.getKey())
                .containsExactly("friends", "requests_sent", "requests_received", "blocked");
        assertThat(export.path("friends")).singleElement().satisfies(friend -> {
            assertThat(friend.path("user_id").asLong()).isEqualTo(bob.id());
            assertThat(Instant.parse(friend.path("since").asText())).isEqualTo(stored(
                    "select accepted_at from friendship.friendships where requester_id = ? and addressee_id = ?",
                    bob.id(), alice.id()));
            assertThat(friend.size()).isEqualTo(2);
        });
        assertThat(export.path("requests_sent")).singleElement().satisfies(request -> {
            assertThat(request.path("user_id").asLong()).isEqualTo(carol.id());
            assertThat(Instant.parse(request.path("created_at").asText())).isEqualTo(stored(
                    "select created_at from friendship.friendships where requester_id = ? and addressee_id = ?",
                    alice.id(), carol.id()));
        });
        assertThat(export.path("requests_received")).singleElement().satisfies(request -> {
            assertThat(request.path("user_id").asLong()).isEqualTo(dave.id());
            assertThat(Instant.parse(request.path("created_at").asText())).isEqualTo(stored(
                    "select created_at from friendship.friendships where requester_id = ? and addressee_id = ?",
                    dave.id(), alice.id()));
        });
        assertThat(export.path("blocked")).singleElement().satisfies(blocked -> {
            assertThat(blocked.path("user_id").asLong()).isEqualTo(erin.id());
            assertThat(Instant.parse(blocked.path("created_at").asText())).isEqualTo(stored(
                    "select created_at from friendship.blocks where blocker_id = ? and blocked_id = ?",
                    alice.id(), erin.id()));
        });
        assertThat(export.toString()).doesNotContain(Long.toString(frank.id()));
    }

    @Test
    void theExportListsEveryFriendInTheOrderTheyBecameFriends() {
        TestUser alice = Users.create();
        List<TestUser> friends = List.of(Users.create(), Users.create(), Users.create());
        friends.forEach(friend -> Api.befriend(alice, friend));

        assertThat(exportOf(alice).path("friends")).extracting(friend -> friend.path("user_id").asLong())
                .containsExactlyElementsOf(friends.stream().map(TestUser::id).toList());
    }

    @Test
    void aUserWithoutRelationshipsExportsEmptyLists() {
        TestUser alice = Users.create();

        assertThat(exportOf(alice)).isEqualTo(Published.read(
                "{\"friends\": [], \"requests_sent\": [], \"requests_received\": [], \"blocked\": []}"));
    }

    @Test
    void anExportForAnIdThatIsNoNumberIsABadRequest() {
        Internal.asService(internal).get("/internal/v1/users/alice/export").then().spec(error(400, "Invalid user id"));
    }

    private JsonNode exportOf(TestUser user) {
        return Published.read(Internal.asService(internal).get("/internal/v1/users/" + user.id() + "/export")
                .then().statusCode(200).contentType("application/json").extract().asString());
    }

    private Instant stored(String sql, Object... args) {
        return ((Timestamp) Database.single(db, sql, args)).toInstant();
    }
}
