package dev.parley.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.parley.testing.ErrorSpec.error;
import static dev.parley.testing.NeighbourStub.onBehalfOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.parley.chat.support.Chat;
import dev.parley.chat.support.Neighbours;
import dev.parley.testing.Database;

/**
 * chat-service decides who may message whom from its own copy of friendship-service's relationships, fed by that
 * service's events, and asks friendship-service only while the copy may be behind.
 */
@QuarkusTest
class RelationshipsTest {

    @Inject
    DataSource db;

    @Test
    void friendsInChatsOwnCopyMessageEachOtherWithoutChatAskingFriendshipService() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser();
        // Only the feed says they are friends: friendship-service itself would answer "none" to either.
        Neighbours.awaitApplied(Neighbours.relationshipChanged(ann.id(), bob.id(), true));

        long conversation = ann.directWith(bob);
        ann.send(conversation, "hi bob").then().statusCode(201);
        bob.send(conversation, "hi ann").then().statusCode(201);

        for (Chat asked : List.of(ann, bob)) {
            assertThat(Neighbours.friendshipService().count(
                    getRequestedFor(urlPathEqualTo("/v1/friendships/" + asked.id())))).isZero();
        }
        assertThat(Database.single(db, "select friends from chat.relationships where user_low = ? and user_high = ?",
                low(ann, bob), high(ann, bob))).isEqualTo(true);
        assertThat(Database.count(db, "select count(*) from chat.messages where conversation_id = ?", conversation))
                .isEqualTo(2);
    }

    @Test
    void aBlockRefusesMessagesBothWaysWithinOneSecond() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long conversation = ann.directWith(bob);
        bob.sent(conversation, "hello");

        Neighbours.block(ann.id(), bob.id());
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> bob.send(conversation, "are you there?").statusCode() == 403);

        bob.send(conversation, "let me in").then().spec(error(403, "You can only message friends"));
        ann.send(conversation, "go away").then().spec(error(403, "You can only message friends"));
        assertThat(Database.single(db, "select friends from chat.relationships where user_low = ? and user_high = ?",
                low(ann, bob), high(ann, bob))).isEqualTo(false);
        assertThat(blockedBy(ann, bob)).isEqualTo(Long.toString(ann.id()));
        assertThat(Database.count(db, "select count(*) from chat.messages where conversation_id = ?"
                + " and body in ('let me in', 'go away')", conversation)).isZero();
    }

    @Test
    void anOlderStateOfAPairNeverReplacesANewerOne() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Neighbours.awaitApplied(Neighbours.block(bob.id(), ann.id()));
        long newest = (Long) Database.single(db,
                "select position from chat.relationships where user_low = ? and user_high = ?", low(ann, bob),
                high(ann, bob));

        // The state from before the block, arriving late.
        Neighbours.awaitApplied(Neighbours.relationshipChangedAt(newest - 1, ann.id(), bob.id(), true));

        assertThat(Database.single(db, "select position from chat.relationships where user_low = ? and user_high = ?",
                low(ann, bob), high(ann, bob))).isEqualTo(newest);
        assertThat(blockedBy(ann, bob)).isEqualTo(Long.toString(bob.id()));
        ann.request().body(Map.of("type", "direct", "user_id", bob.id())).post("/v1/conversations")
                .then().spec(error(403, "You can only message friends"));
        assertThat(Database.count(db, "select count(*) from chat.conversations where direct_key = ?",
                low(ann, bob) + ":" + high(ann, bob))).isZero();
    }

    @Test
    void whileItsCopyMayBeBehindChatAsksFriendshipService() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long conversation = ann.directWith(bob);
        Neighbours.friendshipFeedDown(true);
        String unfriended;
        try {
            // The copy still says friends; friendship-service knows better, and is asked.
            Neighbours.friendshipServiceSays(ann.id(), bob.id(), "none");
            bob.send(conversation, "hi").then().spec(error(403, "You can only message friends"));
            assertThat(Neighbours.friendshipService().count(getRequestedFor(
                    urlPathEqualTo("/v1/friendships/" + ann.id())).andMatching(onBehalfOf(bob.id()))))
                    .isPositive();

            // And the other way round: an unfriending the feed cannot bring yet does not count either.
            unfriended = Neighbours.relationshipChanged(ann.id(), bob.id(), false);
            Neighbours.friendshipServiceSays(ann.id(), bob.id(), "friends");
            bob.send(conversation, "hi again").then().statusCode(201);
        } finally {
            Neighbours.friendshipFeedDown(false);
        }

        // Once the copy has caught up, it decides again, and friendship-service confirms the refusal.
        Neighbours.awaitApplied(unfriended);
        Neighbours.friendshipServiceSays(ann.id(), bob.id(), "none");
        bob.send(conversation, "and now?").then().spec(error(403, "You can only message friends"));
        assertThat(Database.column(db, "select body from chat.messages where conversation_id = ? order by seq",
                conversation)).containsExactly("hi again");
    }

    @Test
    void aFriendshipMadeAMomentAgoWorksBeforeItsEventReachesTheCopy() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long conversation = ann.directWith(bob);
        Neighbours.awaitApplied(Neighbours.relationshipChanged(ann.id(), bob.id(), false));

        // They became friends again just now: the copy does not know yet, friendship-service does.
        Neighbours.friendshipServiceSays(ann.id(), bob.id(), "friends");
        bob.send(conversation, "friends again").then().statusCode(201);

        assertThat(Neighbours.friendshipService().count(getRequestedFor(
                urlPathEqualTo("/v1/friendships/" + ann.id())).andMatching(onBehalfOf(bob.id())))).isPositive();
        assertThat(Database.column(db, "select body from chat.messages where conversation_id = ?", conversation))
                .containsExactly("friends again");
    }

    @Test
    void aBlockedUserCannotEditInTheDirectConversationButStillDeletesTheirOwnMessages() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long conversation = ann.directWith(bob);
        long bobs = bob.send(conversation, "first").then().statusCode(201).extract().jsonPath().getLong("id");
        long anns = ann.send(conversation, "second").then().statusCode(201).extract().jsonPath().getLong("id");
        String messages = "/v1/conversations/" + conversation + "/messages/";

        Neighbours.awaitApplied(Neighbours.block(ann.id(), bob.id()));

        bob.request().body(Map.of("body", "edited")).patch(messages + bobs)
                .then().spec(error(403, "You can only message friends"));
        ann.request().body(Map.of("body", "edited")).patch(messages + anns)
                .then().spec(error(403, "You can only message friends"));
        // Someone else's message is still not theirs to change, whatever the relationship.
        bob.request().body(Map.of("body", "edited")).patch(messages + anns)
                .then().spec(error(403, "You can only change your own messages"));
        bob.request().delete(messages + bobs).then().statusCode(204);

        ann.request().get("/v1/conversations/" + conversation + "/messages").then().statusCode(200)
                .body("items.seq", contains(2, 1))
                .body("items[0].body", equalTo("second"))
                .body("items[1].deleted", equalTo(true))
                .body("items[1].body", nullValue());
        assertThat(Database.single(db, "select edited_at from chat.messages where id = ?", anns)).isNull();
        assertThat(Database.count(db, "select count(*) from chat.messages where id = ? and deleted_at is not null",
                bobs)).isEqualTo(1);
    }

    @Test
    void neitherOfTwoUsersWhereOneBlocksTheOtherCanAddTheOtherToAGroup() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat blockedByAnn = Chat.newUser().befriend(ann);
        Chat blockingAnn = Chat.newUser().befriend(ann);
        long group = ann.group("friends", bob);
        Neighbours.awaitApplied(Neighbours.block(ann.id(), blockedByAnn.id()));
        Neighbours.awaitApplied(Neighbours.block(blockingAnn.id(), ann.id()));

        for (Chat refused : List.of(blockedByAnn, blockingAnn)) {
            ann.request().body(Map.of("user_id", refused.id())).post("/v1/conversations/" + group + "/members")
                    .then().spec(error(403, "You can only message friends"));
            ann.request().body(Map.of("type", "group", "title", "t", "member_ids", List.of(bob.id(), refused.id())))
                    .post("/v1/conversations").then().spec(error(403, "You can only message friends"));
        }

        assertThat(Database.column(db, "select user_id from chat.members where conversation_id = ? order by id",
                group)).containsExactly(ann.id(), bob.id());
        assertThat(Database.count(db, "select count(*) from chat.members where user_id = ?", ann.id())).isEqualTo(1);
    }

    @Test
    void twoGroupMembersWhoBlockEachOtherBothStayInTheGroup() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat cid = Chat.newUser().befriend(ann).befriend(bob);
        long group = ann.group("everyone", bob, cid);

        Neighbours.awaitApplied(Neighbours.block(bob.id(), cid.id()));

        bob.send(group, "from bob").then().statusCode(201);
        cid.send(group, "from cid").then().statusCode(201);
        assertThat(Database.column(db, "select user_id from chat.members where conversation_id = ? order by id",
                group)).containsExactly(ann.id(), bob.id(), cid.id());
        assertThat(Database.column(db, "select body from chat.messages where conversation_id = ? order by seq",
                group)).containsExactly("from bob", "from cid");
    }

    private String blockedBy(Chat a, Chat b) {
        return (String) Database.single(db, "select array_to_string(blocked_by, ',') from chat.relationships"
                + " where user_low = ? and user_high = ?", low(a, b), high(a, b));
    }

    private static long low(Chat a, Chat b) {
        return Math.min(a.id(), b.id());
    }

    private static long high(Chat a, Chat b) {
        return Math.max(a.id(), b.id());
    }
}
