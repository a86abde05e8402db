package dev.parley.account;

import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.parley.account.support.Users;
import dev.parley.account.support.Users.TestUser;
import dev.parley.testing.Database;

/** The conventions every service shares: one error envelope for every failure, and the operations endpoints. */
@QuarkusTest
class ConventionsTest {

    @Inject
    DataSource db;

    private static final List<String> POSTS = List.of("/v1/accounts/register", "/v1/accounts/verify/resend",
            "/v1/accounts/login", "/v1/accounts/token/refresh", "/v1/accounts/logout",
            "/v1/accounts/password/forgot", "/v1/accounts/password/reset");

    @Test
    void malformedJsonOnEveryPostIsABadRequest() {
        for (String path : POSTS) {
            given().contentType(ContentType.JSON).body("{\"email\": ").post(path)
                    .then().spec(error(400, "Malformed JSON body"));
        }
        TestUser user = Users.verifiedUser("json");
        given().auth().oauth2(user.accessToken()).contentType(ContentType.JSON).body("[1,")
                .patch("/v1/users/me").then().spec(error(400, "Malformed JSON body"));
    }

    @Test
    void wrongShapeOfJsonIsABadRequest() {
        given().contentType(ContentType.JSON).body("{\"email\": {\"nested\": true}}").post("/v1/accounts/login")
                .then().spec(error(400, "Invalid value for 'email'"));
        given().contentType(ContentType.JSON).body("[]").post("/v1/accounts/register")
                .then().spec(error(400, "Malformed JSON body"));
    }

    @Test
    void aNulCharacterInABodyOrAQueryIsRefusedByName() {
        for (String path : List.of("/v1/accounts/register", "/v1/accounts/verify/resend", "/v1/accounts/login",
                "/v1/accounts/password/forgot")) {
            given().contentType(ContentType.JSON).body("{\"email\": \"ann\\u0000@example.com\"}").post(path)
                    .then().spec(error(400, "Invalid characters in 'email'"));
        }
        for (String path : List.of("/v1/accounts/token/refresh", "/v1/accounts/logout")) {
            given().contentType(ContentType.JSON).body("{\"refresh_token\": \"\\u0000\"}").post(path)
                    .then().spec(error(400, "Invalid characters in 'refresh_token'"));
        }
        TestUser user = Users.verifiedUser("nul");
        given().auth().oauth2(user.accessToken()).contentType(ContentType.JSON)
                .body("{\"location\": \"Lis\\u0000bon\"}").patch("/v1/users/me")
                .then().spec(error(400, "Invalid characters in 'location'"));
        given().auth().oauth2(user.accessToken()).urlEncodingEnabled(false).get("/v1/users?query=ab%00c")
                .then().spec(error(400, "Invalid characters in 'query'"));
    }

    @Test
    void anEmailLongerThanAnyAddressIsRefusedOnEveryRouteTakingOneBeforeItReachesTheDatabase() {
        String tooLong = "a".repeat(243) + "@example.com";
        Map<String, Map<String, String>> bodies = Map.of(
                "/v1/accounts/register", Map.of("email", tooLong, "password", Users.PASSWORD, "username", "longmail"),
                "/v1/accounts/login", Map.of("email", tooLong, "password", Users.PASSWORD),
                "/v1/accounts/verify/resend", Map.of("email", tooLong),
                "/v1/accounts/password/forgot", Map.of("email", tooLong));
        bodies.forEach((path, body) -> given().contentType(ContentType.JSON).body(body).post(path)
                .then().spec(error(400, "Invalid value for 'email'")));
        assertThat(Database.count(db, "select count(*) from account.rate_limits where key like ?", "%" + tooLong + "%"))
                .isZero();
        assertThat(Database.count(db, "select count(*) from account.accounts where email = ?", tooLong)).isZero();
    }

    @Test
    void anEmailOfTheLongestAddressLengthIsStillAnEmail() {
        String longest = "a".repeat(242) + "@example.com";
        given().contentType(ContentType.JSON).body(Map.of("email", longest, "password", Users.PASSWORD))
                .post("/v1/accounts/login").then().spec(error(401, "Invalid email or password"));
        given().contentType(ContentType.JSON).body(Map.of("email", longest)).post("/v1/accounts/password/forgot")
                .then().statusCode(202);
    }

    @Test
    void wrongContentTypeOnEveryPostIsUnsupported() {
        for (String path : POSTS) {
            given().contentType(ContentType.TEXT).body("email=a@example.com").post(path)
                    .then().spec(error(415, "Unsupported media type; send application/json"));
        }
    }

    @Test
    void unknownRoutesAndWrongMethodsAnswerInTheEnvelope() {
        given().get("/v1/nothing-here").then().spec(error(404, "Not found"));
        given().get("/v1/accounts/register").then().spec(error(405, "Method not allowed"));
        given().delete("/v1/accounts/login").then().spec(error(405, "Method not allowed"));
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        // Ready once the revoked sessions are read: an empty feed answers after one long poll.
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("Reactive PostgreSQL connections health check"))
                .body(containsString("revocations"));
        given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/v1/accounts/register"))
                .body(containsString("/v1/accounts/me/export")).body(containsString("/v1/accounts/me/exports/{id}"))
                .body(containsString("/v1/accounts/me/exports/{id}/download"));
    }
}
