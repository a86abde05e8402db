package dev.parley.chat;

import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.parley.chat.support.Chat;
import dev.parley.testing.Database;
import dev.parley.testing.TestTokens;

/** Nobody outside a conversation can see or touch it, or anything in it, or even learn that it exists. */
@QuarkusTest
class AccessTest {

    @Inject
    DataSource db;

    @Test
    void anOutsiderGets404ForEveryRouteOfAConversation() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat eve = Chat.newUser().befriend(ann).befriend(bob);
        long group = ann.group("private", bob);
        long message = ann.send(group, "secret").then().extract().jsonPath().getLong("id");
        String base = "/v1/conversations/" + group;
        String notFound = "Conversation " + group + " not found";

        eve.request().get(base).then().spec(error(404, notFound));
        eve.request().body(Map.of("title", "mine")).patch(base).then().spec(error(404, notFound));
        eve.request().get(base + "/messages").then().spec(error(404, notFound));
        eve.send(group, "let me in").then().spec(error(404, notFound));
        eve.request().body(Map.of("body", "edited")).patch(base + "/messages/" + message)
                .then().spec(error(404, notFound));
        eve.request().delete(base + "/messages/" + message).then().spec(error(404, notFound));
        eve.request().body(Map.of("seq", 1)).post(base + "/read").then().spec(error(404, notFound));
        eve.request().body(Map.of("user_id", eve.id())).post(base + "/members").then().spec(error(404, notFound));
        eve.request().delete(base + "/members/" + bob.id()).then().spec(error(404, notFound));
        eve.request().body(Map.of("role", "owner")).patch(base + "/members/" + eve.id())
                .then().spec(error(404, notFound));
        eve.request().get("/v1/conversations").then().statusCode(200).body("items.id", not(hasItem((int) group)));

        // The same answer as for a conversation that does not exist at all.
        eve.request().get("/v1/conversations/999999999").then().spec(error(404, "Conversation 999999999 not found"));
        assertThat(Database.single(db, "select body from chat.messages where id = ?", message)).isEqualTo("secret");
        assertThat(Database.count(db, "select count(*) from chat.members where conversation_id = ?", group))
                .isEqualTo(2);
    }

    @Test
    void everyRouteNeedsAValidAccessToken() {
        Chat ann = Chat.newUser();
        for (String token : new String[]{TestTokens.expiredForUser(ann.id()), TestTokens.forgedForUser(ann.id()),
                "garbage"}) {
            io.restassured.RestAssured.given().auth().oauth2(token).get("/v1/conversations")
                    .then().spec(error(401, "Invalid or expired access token")).header("WWW-Authenticate", "Bearer");
        }
        io.restassured.RestAssured.given().get("/v1/conversations")
                .then().spec(error(401, "Authentication required"));
        io.restassured.RestAssured.given().get("/v1/sync").then().spec(error(401, "Authentication required"));
    }
}
