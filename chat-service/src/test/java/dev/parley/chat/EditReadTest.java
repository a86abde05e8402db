package dev.parley.chat;

import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.parley.chat.support.Chat;
import dev.parley.chat.support.Neighbours;
import dev.parley.testing.Database;

@QuarkusTest
class EditReadTest {

    @Inject
    DataSource db;

    @Test
    void authorEditsAndDeletesLeavingATombstone() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long conversation = ann.directWith(bob);
        long id = ann.send(conversation, "typo").then().statusCode(201).extract().jsonPath().getLong("id");
        String path = "/v1/conversations/" + conversation + "/messages/" + id;

        ann.request().body(Map.of("body", "fixed")).patch(path).then().statusCode(200)
                .body("body", equalTo("fixed")).body("edited_at", notNullValue()).body("seq", equalTo(1));
        bob.request().body(Map.of("body", "not yours")).patch(path)
                .then().spec(error(403, "You can only change your own messages"));
        bob.request().delete(path).then().spec(error(403, "You can only change your own messages"));

        ann.request().delete(path).then().statusCode(204);
        ann.request().delete(path).then().statusCode(204);
        bob.request().get("/v1/conversations/" + conversation + "/messages").then()
                .body("items[0].deleted", equalTo(true))
                .body("items[0].body", nullValue())
                .body("items[0].seq", equalTo(1));
        ann.request().body(Map.of("body", "again")).patch(path)
                .then().spec(error(409, "Message " + id + " was deleted"));
        assertThat(Database.single(db, "select body from chat.messages where id = ?", id)).isNull();
    }

    @Test
    void messagesOfAnotherConversationAreNotFound() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat cid = Chat.newUser().befriend(ann);
        long withBob = ann.directWith(bob);
        long withCid = ann.directWith(cid);
        long id = ann.send(withCid, "for cid").then().extract().jsonPath().getLong("id");
        ann.request().body(Map.of("body", "x")).patch("/v1/conversations/" + withBob + "/messages/" + id)
                .then().spec(error(404, "Message " + id + " not found"));
    }

    @Test
    void unreadCountsFollowSendsReadsAndDeletes() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long conversation = ann.directWith(bob);
        for (int i = 0; i < 4; i++) {
            ann.sent(conversation, "m" + i);
        }
        assertThat(bob.unread(conversation)).isEqualTo(4);
        // Own messages advance one's own read mark.
        assertThat(ann.unread(conversation)).isZero();

        read(bob, conversation, 2).then().statusCode(204);
        assertThat(bob.unread(conversation)).isEqualTo(2);
        read(bob, conversation, 1).then().statusCode(204);
        assertThat(bob.unread(conversation)).isEqualTo(2);

        long last = ann.send(conversation, "m4").then().extract().jsonPath().getLong("id");
        ann.request().delete("/v1/conversations/" + conversation + "/messages/" + last).then().statusCode(204);
        assertThat(bob.unread(conversation)).isEqualTo(3);
        bob.sent(conversation, "reply");
        assertThat(bob.unread(conversation)).isZero();
        assertThat(ann.unread(conversation)).isEqualTo(1);

        read(ann, conversation, 999).then().statusCode(204);
        assertThat(ann.unread(conversation)).isZero();
        assertThat(Database.single(db, "select last_read_seq from chat.members where conversation_id = ? "
                + "and user_id = ?", conversation, ann.id())).isEqualTo(6L);
        bob.request().body(Map.of()).post("/v1/conversations/" + conversation + "/read")
                .then().spec(error(400, "expected 'seq' key"));
        read(bob, conversation, -1).then().spec(error(400, "seq must not be negative"));
    }

    @Test
    void aUserWhoIsNoLongerAFriendCannotSendToTheDirectConversation() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long conversation = ann.directWith(bob);
        bob.sent(conversation, "hi");
        // A block ends the friendship on friendship-service; chat-service sees "not friends".
        Neighbours.unfriend(ann.id(), bob.id());
        bob.send(conversation, "are you there?").then().spec(error(403, "You can only message friends"));
        ann.send(conversation, "go away").then().spec(error(403, "You can only message friends"));
        bob.request().get("/v1/conversations/" + conversation + "/messages").then().statusCode(200)
                .body("items.body", contains("hi"));
        assertThat(Database.count(db, "select count(*) from chat.messages where conversation_id = ?", conversation))
                .isEqualTo(1);
    }

    private static io.restassured.response.Response read(Chat who, long conversation, long seq) {
        return who.request().body(Map.of("seq", seq)).post("/v1/conversations/" + conversation + "/read");
    }
}
