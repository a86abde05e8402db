package dev.parley.friendship;

import static dev.parley.friendship.support.Api.as;
import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.parley.friendship.support.Users;
import dev.parley.friendship.support.Users.TestUser;
import dev.parley.testing.TestTokens;

/** The conventions every service shares: one error envelope for every failure, and the operations endpoints. */
@QuarkusTest
class ConventionsTest {

    private static final List<String> POSTS = List.of("/v1/friendships/requests", "/v1/blocks");
    private static final String REFUSED = "Invalid or expired access token";

    @Test
    void malformedJsonOnEveryPostIsABadRequest() {
        TestUser user = Users.create();
        for (String path : POSTS) {
            as(user).contentType(ContentType.JSON).body("{\"user_id\": ").post(path)
                    .then().spec(error(400, "Malformed JSON body"));
            as(user).contentType(ContentType.JSON).body("[]").post(path)
                    .then().spec(error(400, "Malformed JSON body"));
        }
    }

    @Test
    void aNulCharacterInAQueryIsRefusedByName() {
        TestUser user = Users.create();
        as(user).urlEncodingEnabled(false).get("/v1/friendships/requests?direction=in%00coming")
                .then().spec(error(400, "Invalid characters in 'direction'"));
        as(user).urlEncodingEnabled(false).get("/v1/blocks?cursor=%00")
                .then().spec(error(400, "Invalid characters in 'cursor'"));
    }

    @Test
    void wrongContentTypeOnEveryPostIsUnsupported() {
        TestUser user = Users.create();
        for (String path : POSTS) {
            as(user).contentType(ContentType.TEXT).body("user_id=1").post(path)
                    .then().spec(error(415, "Unsupported media type; send application/json"));
        }
    }

    @Test
    void unknownRoutesAndWrongMethodsAnswerInTheEnvelope() {
        TestUser user = Users.create();
        as(user).get("/v1/nothing-here").then().spec(error(404, "Not found"));
        as(user).get("/v1/friendships/not-a-number").then().spec(error(404, "Not found"));
        as(user).put("/v1/blocks").then().spec(error(405, "Method not allowed"));
    }

    @Test
    void everyEndpointNeedsAValidAccessToken() {
        given().get("/v1/friendships").then().spec(error(401, "Authentication required"))
                .header("WWW-Authenticate", "Bearer");
        given().contentType(ContentType.JSON).body("{\"user_id\": 1}").post("/v1/friendships/requests")
                .then().spec(error(401, "Authentication required")).header("WWW-Authenticate", "Bearer");
        given().get("/v1/blocks").then().spec(error(401, "Authentication required"));
        given().auth().oauth2(TestTokens.expiredForUser(7)).get("/v1/friendships")
                .then().spec(error(401, REFUSED)).header("WWW-Authenticate", "Bearer");
        given().auth().oauth2(TestTokens.forgedForUser(7)).get("/v1/friendships/8")
                .then().spec(error(401, REFUSED)).header("WWW-Authenticate", "Bearer");
        given().auth().oauth2("not.a.jwt").get("/v1/blocks").then().spec(error(401, REFUSED));
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("Reactive PostgreSQL connections health check"))
                .body(containsString("published-keys"))
                .body("checks.find { it.name == 'revocations' }.status", equalTo("UP"));
        given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("parley_friend_requests_total{outcome=\"created\""));
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/v1/friendships/requests"))
                .body(containsString("/v1/blocks"));
    }
}
