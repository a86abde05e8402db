package dev.parley.chat;

import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import dev.parley.chat.support.Chat;
import dev.parley.common.internal.InternalServer;
import dev.parley.testing.Database;

/** What chat-service holds about a user, for account-service's data export, on the internal port. */
@QuarkusTest
class ExportTest {

    @Inject
    DataSource db;

    @Inject
    InternalServer internal;

    @Test
    void theExportListsEveryConversationTheUserIsInAndEveryMessageTheyWrote() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        long team = ann.group("team", bob);
        long bobs = bob.group("bob's", ann);
        long hello = ann.send(direct, "hello").then().extract().jsonPath().getLong("id");
        bob.sent(direct, "hi");
        ann.request().body(Map.of("body", "hello!")).patch("/v1/conversations/" + direct + "/messages/" + hello)
                .then().statusCode(200);
        long gone = ann.send(team, "oops").then().extract().jsonPath().getLong("id");
        ann.request().delete("/v1/conversations/" + team + "/messages/" + gone).then().statusCode(204);
        ann.sent(bobs, "bye all");
        ann.request().delete("/v1/conversations/" + bobs + "/members/" + ann.id()).then().statusCode(204);
        long hi = messageId(direct, 2);
        ann.request().put("/v1/conversations/" + direct + "/messages/" + hi + "/reactions/{emoji}", "👋")
                .then().statusCode(204);
        ann.request().put("/v1/conversations/" + direct + "/pins/" + hi).then().statusCode(204);
        String token = "fcm-export-" + ann.id() + "-" + "t".repeat(40);
        ann.request().body(Map.of("platform", "fcm", "token", token, "app_id", "dev.parley.app", "locale", "pt-BR"))
                .put("/v1/devices/phone").then().statusCode(201);
        ann.request().body(Map.of("level", "mentions")).put("/v1/conversations/" + team + "/notifications")
                .then().statusCode(200);
        ann.request().body(Map.of("previews", false)).put("/v1/notifications/settings").then().statusCode(200);

        export(ann.id()).then().statusCode(200)
                .body("conversations.id", contains((int) direct, (int) team))
                .body("conversations.kind", contains("direct", "group"))
                .body("conversations.title", contains(null, "team"))
                .body("conversations.role", contains("member", "owner"))
                .body("conversations[0].joined_at", notNullValue())
                .body("messages.id", contains((int) hello, (int) gone, (int) messageId(bobs, 1)))
                .body("messages.conversation_id", contains((int) direct, (int) team, (int) bobs))
                .body("messages.seq", contains(1, 1, 1))
                .body("messages.body", contains("hello!", null, "bye all"))
                .body("messages.deleted", contains(false, true, false))
                .body("messages[0].edited_at", notNullValue())
                .body("messages[0].created_at", notNullValue())
                .body("messages[2].edited_at", nullValue())
                .body("messages[0].reply_to", nullValue())
                .body("messages[0].mentions", hasSize(0))
                .body("reactions.message_id", contains((int) hi))
                .body("reactions.emoji", contains("👋"))
                .body("pins.message_id", contains((int) hi))
                .body("pins.conversation_id", contains((int) direct))
                .body("devices.device_id", contains("phone"))
                .body("devices.platform", contains("fcm"))
                .body("devices.app_id", contains("dev.parley.app"))
                .body("devices.locale", contains("pt-BR"))
                .body("devices[0].last_used_at", notNullValue())
                .body("notification_settings.previews", equalTo(false))
                .body("conversation_notifications.conversation_id", contains((int) team))
                .body("conversation_notifications.level", contains("mentions"))
                .body(not(containsString(token)));
        export(Chat.newUser().id()).then().statusCode(200)
                .body("conversations", hasSize(0)).body("messages", hasSize(0)).body("reactions", hasSize(0))
                .body("pins", hasSize(0)).body("devices", hasSize(0)).body("notification_settings", nullValue())
                .body("conversation_notifications", hasSize(0));
    }

    @Test
    void tenThousandMessagesAreExportedInOneDocument() {
        Chat ann = Chat.newUser();
        long conversation = (Long) Database.single(db, "insert into chat.conversations (kind, title, created_by,"
                + " created_at, last_seq, last_activity_at) values ('group', 'bulk', ?, now(), 10000, now())"
                + " returning id", ann.id());
        Database.execute(db, "insert into chat.members (conversation_id, user_id, role, joined_at)"
                + " values (?, ?, 'owner', now())", conversation, ann.id());
        Database.execute(db, "insert into chat.messages (conversation_id, seq, sender_id, body, created_at)"
                + " select ?, n, ?, 'message number ' || n, now() from generate_series(1, 10000) n",
                conversation, ann.id());

        export(ann.id()).then().statusCode(200).body("conversations.title", contains("bulk"))
                .body("messages", hasSize(10_000))
                .body("messages[9999].body", equalTo("message number 10000"));
    }

    @Test
    void theExportNeedsTheServiceToken() {
        given().port(internal.port()).get("/internal/v1/users/1/export")
                .then().spec(error(401, "Service token required"));
        internalRequest().get("/internal/v1/users/abc/export").then().spec(error(400, "Invalid user id"));
    }

    private Response export(long userId) {
        return internalRequest().get("/internal/v1/users/" + userId + "/export");
    }

    private RequestSpecification internalRequest() {
        return given().port(internal.port()).auth().oauth2("parley-test-internal-token");
    }

    private long messageId(long conversation, long seq) {
        return (Long) Database.single(db, "select id from chat.messages where conversation_id = ? and seq = ?",
                conversation, seq);
    }
}
