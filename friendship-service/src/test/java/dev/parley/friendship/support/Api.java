package dev.parley.friendship.support;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import dev.parley.friendship.support.Users.TestUser;

/** The service's API as a client calls it, one user at a time. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification as(TestUser user) {
        return given().auth().oauth2(user.token());
    }

    public static Response sendRequest(TestUser from, long toId) {
        return as(from).contentType(ContentType.JSON).body(Map.of("user_id", toId)).post("/v1/friendships/requests");
    }

    /** A pending request from one user to the other; its id. */
    public static long pendingRequest(TestUser from, TestUser to) {
        return sendRequest(from, to.id()).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Makes the two users friends through a request and its acceptance. */
    public static void befriend(TestUser a, TestUser b) {
        long id = pendingRequest(a, b);
        accept(b, id).then().statusCode(200);
    }

    public static Response accept(TestUser user, long requestId) {
        return as(user).post("/v1/friendships/requests/" + requestId + "/accept");
    }

    public static Response decline(TestUser user, long requestId) {
        return as(user).post("/v1/friendships/requests/" + requestId + "/decline");
    }

    public static Response cancel(TestUser user, long requestId) {
        return as(user).delete("/v1/friendships/requests/" + requestId);
    }

    public static Response requests(TestUser user, String direction) {
        return as(user).queryParam("direction", direction).get("/v1/friendships/requests");
    }

    public static Response relationship(TestUser user, long otherId) {
        return as(user).get("/v1/friendships/" + otherId);
    }

    public static String statusBetween(TestUser user, TestUser other) {
        return relationship(user, other.id()).then().statusCode(200).extract().path("status");
    }

    public static Response unfriend(TestUser user, long otherId) {
        return as(user).delete("/v1/friendships/" + otherId);
    }

    public static Response block(TestUser user, long otherId) {
        return as(user).contentType(ContentType.JSON).body(Map.of("user_id", otherId)).post("/v1/blocks");
    }

    public static Response unblock(TestUser user, long otherId) {
        return as(user).delete("/v1/blocks/" + otherId);
    }
}
