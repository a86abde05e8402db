package dev.parley.chat.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import dev.parley.testing.TestTokens;
import dev.parley.testing.Unique;

/** A client of chat-service acting as one user, with helpers that read like what a user does. */
public final class Chat {

    private final long id;
    private final String token;

    private Chat(long id) {
        this.id = id;
        this.token = TestTokens.forUser(id);
    }

    public static Chat newUser() {
        return new Chat(Unique.userId());
    }

    public long id() {
        return id;
    }

    public String token() {
        return token;
    }

    public RequestSpecification request() {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    public Chat befriend(Chat other) {
        Neighbours.befriend(id, other.id);
        return this;
    }

    public long directWith(Chat other) {
        return request().body(Map.of("type", "direct", "user_id", other.id)).post("/v1/conversations")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    public long group(String title, Chat... members) {
        List<Long> ids = java.util.Arrays.stream(members).map(Chat::id).toList();
        return request().body(Map.of("type", "group", "title", title, "member_ids", ids)).post("/v1/conversations")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    public Response send(long conversationId, String body) {
        return send(conversationId, body, UUID.randomUUID().toString());
    }

    public Response send(long conversationId, String body, String clientMessageId) {
        return request().body(Map.of("body", body, "client_message_id", clientMessageId))
                .post("/v1/conversations/" + conversationId + "/messages");
    }

    public long sent(long conversationId, String body) {
        return send(conversationId, body).then().statusCode(201).extract().jsonPath().getLong("seq");
    }

    public Response conversation(long conversationId) {
        return request().get("/v1/conversations/" + conversationId);
    }

    public long unread(long conversationId) {
        return conversation(conversationId).then().statusCode(200).extract().jsonPath().getLong("unread_count");
    }
}
