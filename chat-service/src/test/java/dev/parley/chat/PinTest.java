package dev.parley.chat;

import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

import dev.parley.chat.support.Chat;
import dev.parley.testing.Database;
import dev.parley.testing.StreamClient;

/** Pins: owners and admins of a group, either member of a direct conversation; at most fifty; gone with the message. */
@QuarkusTest
class PinTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    DataSource db;

    @Test
    void theOwnerPinsAndEveryMemberSeesThePinsNewestFirst() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long group = ann.group("Team", bob);
        long first = messageId(ann, group, "Agenda");
        long second = messageId(bob, group, "Minutes");

        try (StreamClient bobStream = StreamClient.withHeader(base(), bob.token())) {
            ann.request().put(pin(group, first)).then().statusCode(204);
            JsonNode added = bobStream.next("pin.added", WAIT);
            assertThat(added.path("conversation_id").asLong()).isEqualTo(group);
            assertThat(added.path("data").path("message_id").asLong()).isEqualTo(first);
            assertThat(added.path("data").path("user_id").asLong()).isEqualTo(ann.id());
        }
        ann.request().put(pin(group, second)).then().statusCode(204);
        ann.request().put(pin(group, second)).then().statusCode(204);

        JsonPath pins = bob.request().get("/v1/conversations/" + group + "/pins").then().statusCode(200)
                .body("next_cursor", nullValue()).extract().jsonPath();
        assertThat(pins.getList("items.message.id", Long.class)).containsExactly(second, first);
        assertThat(pins.getList("items.pinned_by", Long.class)).containsExactly(ann.id(), ann.id());
        assertThat(pins.getString("items[0].pinned_at")).isNotNull();
        assertThat(pins.getString("items[0].message.body")).isEqualTo("Minutes");
        assertThat(Database.count(db, "select count(*) from chat.pins where conversation_id = ?", group))
                .isEqualTo(2);
    }

    @Test
    void inAGroupOnlyOwnersAndAdminsPinOrUnpin() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat cid = Chat.newUser().befriend(ann);
        long group = ann.group("Team", bob, cid);
        long message = messageId(bob, group, "Pin me");

        bob.request().put(pin(group, message))
                .then().spec(error(403, "Only owners and admins can pin messages"));
        ann.request().body(Map.of("role", "admin")).patch("/v1/conversations/" + group + "/members/" + cid.id())
                .then().statusCode(200);
        cid.request().put(pin(group, message)).then().statusCode(204);
        bob.request().delete(pin(group, message))
                .then().spec(error(403, "Only owners and admins can pin messages"));
        ann.request().delete(pin(group, message)).then().statusCode(204);
        ann.request().delete(pin(group, message)).then().statusCode(204);
        bob.request().get("/v1/conversations/" + group + "/pins").then().statusCode(200).body("items", empty());
    }

    @Test
    void aMessageShowsWhetherItIsPinnedAndAPinBringsItBackInTheNextSync() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        long message = messageId(ann, direct, "Keep this");
        String cursor = bob.request().get("/v1/sync").then().statusCode(200).extract().jsonPath()
                .getString("next_cursor");

        bob.request().put(pin(direct, message)).then().statusCode(204);

        bob.request().get("/v1/conversations/" + direct + "/messages").then().statusCode(200)
                .body("items[0].pinned", equalTo(true));
        JsonPath sync = bob.request().queryParam("since", cursor).get("/v1/sync").then().statusCode(200).extract()
                .jsonPath();
        assertThat(sync.getList("items[0].messages.id", Long.class)).containsExactly(message);
        assertThat(sync.getBoolean("items[0].messages[0].pinned")).isTrue();

        bob.request().delete(pin(direct, message)).then().statusCode(204);
        ann.request().get("/v1/conversations/" + direct + "/messages").then().statusCode(200)
                .body("items[0].pinned", equalTo(false));
    }

    @Test
    void eitherMemberOfADirectConversationPins() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        long message = messageId(ann, direct, "Address: 1 Main St");

        bob.request().put(pin(direct, message)).then().statusCode(204);
        ann.request().get("/v1/conversations/" + direct + "/pins").then().statusCode(200)
                .body("items[0].pinned_by", equalTo((int) bob.id()))
                .body("items[0].message.id", equalTo((int) message));
    }

    @Test
    void aConversationHasAtMostFiftyPins() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        for (int i = 0; i < 50; i++) {
            ann.request().put(pin(direct, messageId(ann, direct, "note " + i))).then().statusCode(204);
        }
        long extra = messageId(ann, direct, "one too many");

        ann.request().put(pin(direct, extra)).then().spec(error(400, "Too many pins"));
        assertThat(Database.count(db, "select count(*) from chat.pins where conversation_id = ?", direct))
                .isEqualTo(50);
    }

    @Test
    void aDeletedMessageLosesItsPinAndCannotBePinned() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        long message = messageId(ann, direct, "Temporary");
        ann.request().put(pin(direct, message)).then().statusCode(204);

        try (StreamClient bobStream = StreamClient.withHeader(base(), bob.token())) {
            ann.request().delete("/v1/conversations/" + direct + "/messages/" + message).then().statusCode(204);
            JsonNode removed = bobStream.next("pin.removed", WAIT);
            assertThat(removed.path("data").path("message_id").asLong()).isEqualTo(message);
        }
        bob.request().get("/v1/conversations/" + direct + "/pins").then().statusCode(200).body("items", empty());
        bob.request().put(pin(direct, message)).then().spec(error(409, "Message is deleted"));
        assertThat(Database.count(db, "select count(*) from chat.pins where message_id = ?", message)).isZero();
    }

    @Test
    void outsidersCannotPinListOrPinAnotherConversationsMessage() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat eve = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        long message = messageId(ann, direct, "Private");
        long elsewhere = ann.group("Other", eve);
        long otherMessage = messageId(ann, elsewhere, "Elsewhere");

        eve.request().put(pin(direct, message)).then().spec(error(404, "Conversation " + direct + " not found"));
        eve.request().delete(pin(direct, message)).then().spec(error(404, "Conversation " + direct + " not found"));
        eve.request().get("/v1/conversations/" + direct + "/pins")
                .then().spec(error(404, "Conversation " + direct + " not found"));
        ann.request().put(pin(elsewhere, message)).then().spec(error(404, "Message " + message + " not found"));
        ann.request().put(pin(direct, otherMessage))
                .then().spec(error(404, "Message " + otherMessage + " not found"));
        assertThat(Database.count(db, "select count(*) from chat.pins where message_id in (?, ?)", message,
                otherMessage)).isZero();
        ann.request().get("/v1/conversations/" + elsewhere + "/pins").then().statusCode(200)
                .body("items", empty()).body("next_cursor", nullValue());
        assertThat(ann.conversation(direct).then().statusCode(200).extract().jsonPath().getString("id"))
                .isNotNull();
    }

    private static String pin(long conversation, long message) {
        return "/v1/conversations/" + conversation + "/pins/" + message;
    }

    private static long messageId(Chat user, long conversation, String body) {
        return user.send(conversation, body).then().statusCode(201).body("id", notNullValue()).extract().jsonPath()
                .getLong("id");
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port;
    }
}
