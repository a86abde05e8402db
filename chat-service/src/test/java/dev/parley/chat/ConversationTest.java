package dev.parley.chat;

import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.parley.chat.support.Chat;
import dev.parley.chat.support.Neighbours;
import dev.parley.testing.Database;

@QuarkusTest
class ConversationTest {

    @Inject
    DataSource db;

    @Test
    void friendsShareExactlyOneDirectConversation() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long id = ann.request().body(Map.of("type", "direct", "user_id", bob.id())).post("/v1/conversations")
                .then().statusCode(201)
                .body("type", equalTo("direct"))
                .body("title", nullValue())
                .body("created_by", equalTo((int) ann.id()))
                .body("unread_count", equalTo(0))
                .body("last_message", nullValue())
                .extract().jsonPath().getLong("id");

        ann.request().body(Map.of("type", "direct", "user_id", bob.id())).post("/v1/conversations")
                .then().statusCode(200).body("id", equalTo((int) id));
        bob.request().body(Map.of("type", "direct", "user_id", ann.id())).post("/v1/conversations")
                .then().statusCode(200).body("id", equalTo((int) id));
        assertThat(Database.count(db, "select count(*) from chat.conversations where direct_key = ?",
                Math.min(ann.id(), bob.id()) + ":" + Math.max(ann.id(), bob.id()))).isEqualTo(1);
    }

    @Test
    void directConversationsAreOnlyBetweenFriends() {
        Chat ann = Chat.newUser();
        Chat stranger = Chat.newUser();
        ann.request().body(Map.of("type", "direct", "user_id", stranger.id())).post("/v1/conversations")
                .then().spec(error(403, "You can only message friends"));
        ann.request().body(Map.of("type", "direct", "user_id", ann.id())).post("/v1/conversations")
                .then().spec(error(400, "You cannot message yourself"));
        assertThat(Database.count(db, "select count(*) from chat.members where user_id = ?", ann.id())).isZero();
    }

    @Test
    void friendshipServiceDownAnswers503AndCreatesNothing() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Neighbours.friendshipServiceDown(true);
        try {
            ann.request().body(Map.of("type", "direct", "user_id", bob.id())).post("/v1/conversations")
                    .then().spec(error(503, "Friendship service unavailable"));
        } finally {
            Neighbours.friendshipServiceDown(false);
        }
        assertThat(Database.count(db, "select count(*) from chat.members where user_id = ?", ann.id())).isZero();
        ann.directWith(bob);
    }

    @Test
    void createRequestsAreChecked() {
        Chat ann = Chat.newUser();
        ann.request().body(Map.of()).post("/v1/conversations").then().spec(error(400, "expected 'type' key"));
        ann.request().body(Map.of("type", "channel")).post("/v1/conversations")
                .then().spec(error(400, "type must be 'direct' or 'group'"));
        ann.request().body(Map.of("type", "direct")).post("/v1/conversations")
                .then().spec(error(400, "expected 'user_id' key"));
        ann.request().body(Map.of("type", "group", "member_ids", List.of())).post("/v1/conversations")
                .then().spec(error(400, "expected 'title' key"));
        ann.request().body(Map.of("type", "group", "title", " ", "member_ids", List.of())).post("/v1/conversations")
                .then().spec(error(400, "title must be 1 to 100 characters"));
        ann.request().body(Map.of("type", "group", "title", "x".repeat(101), "member_ids", List.of()))
                .post("/v1/conversations").then().spec(error(400, "title must be 1 to 100 characters"));
        ann.request().body(Map.of("type", "group", "title", "t")).post("/v1/conversations")
                .then().spec(error(400, "expected 'member_ids' key"));
        ann.request().body(Map.of("type", "group", "title", "t", "member_ids", "nope")).post("/v1/conversations")
                .then().spec(error(400, "Invalid value for 'member_ids'"));
    }

    @Test
    void groupsHoldFriendsOfTheCreatorAndAtMostFiveHundredMembers() {
        Chat owner = Chat.newUser();
        Chat friend = Chat.newUser().befriend(owner);
        Chat stranger = Chat.newUser();
        owner.request().body(Map.of("type", "group", "title", "t", "member_ids", List.of(friend.id(), stranger.id())))
                .post("/v1/conversations").then().spec(error(403, "User " + stranger.id() + " is not your friend"));

        List<Long> tooMany = LongStream.rangeClosed(1, 500).map(i -> owner.id() + 10_000_000 + i).boxed().toList();
        owner.request().body(Map.of("type", "group", "title", "t", "member_ids", tooMany)).post("/v1/conversations")
                .then().spec(error(400, "A group has at most 500 members"));

        long group = owner.group("Trip", friend);
        owner.conversation(group).then().statusCode(200)
                .body("type", equalTo("group"))
                .body("title", equalTo("Trip"))
                .body("members.user_id", contains((int) owner.id(), (int) friend.id()))
                .body("members.role", contains("owner", "member"));
    }

    @Test
    void conversationsAreListedByLatestActivityWithUnreadCountsAndLastMessage() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat cid = Chat.newUser().befriend(ann);
        long withBob = ann.directWith(bob);
        long withCid = ann.directWith(cid);
        bob.sent(withBob, "first");
        cid.sent(withCid, "second");
        bob.sent(withBob, "third");

        ann.request().get("/v1/conversations").then().statusCode(200)
                .body("items.id", contains((int) withBob, (int) withCid))
                .body("items.unread_count", contains(2, 1))
                .body("items.last_message.body", contains("third", "second"))
                .body("next_cursor", nullValue());
        String cursor = ann.request().queryParam("limit", 1).get("/v1/conversations").then()
                .body("items.id", contains((int) withBob)).extract().path("next_cursor");
        ann.request().queryParam("limit", 1).queryParam("cursor", cursor).get("/v1/conversations").then()
                .body("items.id", contains((int) withCid));
    }

    @Test
    void ownersAndAdminsRenameGroupsOthersCannot() {
        Chat owner = Chat.newUser();
        Chat member = Chat.newUser().befriend(owner);
        long group = owner.group("Old", member);
        owner.request().body(Map.of("title", "New")).patch("/v1/conversations/" + group)
                .then().statusCode(200).body("title", equalTo("New"));
        member.request().body(Map.of("title", "Mine")).patch("/v1/conversations/" + group)
                .then().spec(error(403, "Only the group's owners and admins can do this"));
        long direct = owner.directWith(member);
        owner.request().body(Map.of("title", "x")).patch("/v1/conversations/" + direct)
                .then().spec(error(400, "A direct conversation has no title"));
        assertThat(Database.single(db, "select title from chat.conversations where id = ?", group)).isEqualTo("New");
    }

    @Test
    void groupMembersListIncludesEveryone() {
        Chat owner = Chat.newUser();
        Chat a = Chat.newUser().befriend(owner);
        Chat b = Chat.newUser().befriend(owner);
        long group = owner.group("Three", a, b);
        a.conversation(group).then().statusCode(200)
                .body("members.user_id", containsInAnyOrder((int) owner.id(), (int) a.id(), (int) b.id()));
    }
}
