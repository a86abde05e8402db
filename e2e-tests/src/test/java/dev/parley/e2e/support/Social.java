package dev.parley.e2e.support;

import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Friendships and conversations through the front door, the way the app makes them. */
public final class Social {

    private Social() {
    }

    /** {@code from} asks, {@code to} accepts: they are friends. */
    public static void befriend(User from, User to) {
        long request = from.request().body(Map.of("user_id", to.id())).post("/v1/friendships/requests")
                .then().statusCode(201).body("status", equalTo("pending")).extract().jsonPath().getLong("id");
        to.request().post("/v1/friendships/requests/" + request + "/accept")
                .then().statusCode(200).body("status", equalTo("accepted"));
    }

    /** The direct conversation of the two (201 when new, 200 when it already was there). */
    public static long direct(User from, User to) {
        return from.request().body(Map.of("type", "direct", "user_id", to.id())).post("/v1/conversations")
                .then().statusCode(anyOf(is(200), is(201))).body("type", equalTo("direct"))
                .extract().jsonPath().getLong("id");
    }

    /** A new group the owner makes with friends of theirs. */
    public static long group(User owner, String title, User... members) {
        List<Long> ids = Arrays.stream(members).map(User::id).toList();
        return owner.request().body(Map.of("type", "group", "title", title, "member_ids", ids))
                .post("/v1/conversations")
                .then().statusCode(201).body("type", equalTo("group")).extract().jsonPath().getLong("id");
    }

    public static Response send(User sender, long conversation, String body, String clientMessageId) {
        return sender.request().body(Map.of("body", body, "client_message_id", clientMessageId))
                .post("/v1/conversations/" + conversation + "/messages");
    }

    /** Sends and expects a new message (201); the stored message. */
    public static JsonPath sent(User sender, long conversation, String body) {
        return send(sender, conversation, body, body).then().statusCode(201).extract().jsonPath();
    }

    /** The conversation as the user sees it in their list: unread count, last seq, last message. */
    public static JsonPath listed(User user, long conversation) {
        JsonPath list = user.request().queryParam("limit", 100).get("/v1/conversations")
                .then().statusCode(200).extract().jsonPath();
        String item = "items.find { it.id == " + conversation + " }";
        if (list.get(item) == null) {
            throw new AssertionError("conversation " + conversation + " is not in the list of " + user);
        }
        return list.setRoot(item);
    }
}
