package dev.parley.friendship.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.specification.RequestSpecification;

import dev.parley.common.internal.InternalServer;

/** The service's internal port as account-service and chat-service call it. */
public final class Internal {

    public static final String FEED = "/internal/v1/feed";

    private Internal() {
    }

    /** A call to the internal port without credentials. */
    public static RequestSpecification anonymous(InternalServer server) {
        return given().port(server.port());
    }

    /** A call to the internal port with the service token. */
    public static RequestSpecification asService(InternalServer server) {
        return anonymous(server).header("Authorization", "Bearer " + AccountFeedStub.TOKEN);
    }

    /** One page of the feed after the cursor, as JSON. */
    public static JsonNode page(InternalServer server, String after) {
        return Published.read(asService(server).queryParam("after", after).get(FEED).then().statusCode(200)
                .extract().asString());
    }

    /** The cursor after every event visible now: where a reader that has read everything asks from. */
    public static String head(InternalServer server) {
        String cursor = "0";
        while (true) {
            JsonNode page = page(server, cursor);
            if (page.path("events").isEmpty()) {
                return page.path("cursor").asText();
            }
            cursor = page.path("cursor").asText();
        }
    }
}
