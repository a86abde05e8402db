package dev.parley.account;

import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import dev.parley.account.support.Users;
import dev.parley.account.support.Users.TestUser;
import dev.parley.testing.Database;

@QuarkusTest
class ProfileTest {

    @Inject
    DataSource db;

    @Test
    void meAnswersTheCallersAccount() {
        TestUser user = Users.verifiedUser("me");
        given().auth().oauth2(user.accessToken()).get("/v1/accounts/me").then().statusCode(200)
                .body("id", equalTo((int) user.id()))
                .body("email", equalTo(user.email()))
                .body("verified", equalTo(true))
                .body("presence_visible", equalTo(true))
                .body("read_receipts", equalTo(true))
                .body("user.username", equalTo(user.username()));
    }

    @Test
    void ownerChangesUsernameLocationAndAvatar() {
        TestUser user = Users.verifiedUser("patch");
        String newName = Users.uniqueUsername("Renamed");
        patch(user, Map.of("username", newName, "location", "Lisbon", "avatar_url", "https://cdn.example/a.png"))
                .then().statusCode(200)
                .body("id", equalTo((int) user.id()))
                .body("username", equalTo(newName))
                .body("location", equalTo("Lisbon"))
                .body("avatar_url", equalTo("https://cdn.example/a.png"));

        Map<String, Object> clear = new HashMap<>();
        clear.put("location", null);
        patch(user, clear).then().statusCode(200)
                .body("location", nullValue())
                .body("username", equalTo(newName))
                .body("avatar_url", equalTo("https://cdn.example/a.png"));
        assertThat(Database.single(db, "select username from account.accounts where id = ?", user.id()))
                .isEqualTo(newName);
    }

    @Test
    void profileChangesAreChecked() {
        TestUser user = Users.verifiedUser("checks");
        TestUser other = Users.verifiedUser("other");
        patch(user, Map.of("username", other.username().toUpperCase()))
                .then().spec(error(400, "Username '" + other.username().toUpperCase() + "' is already taken"));
        patch(user, Map.of("username", "x"))
                .then().spec(error(400, "Username must be 3 to 32 characters of letters, digits, '_', '.' or '-'"));
        patch(user, Map.of("avatar_url", "javascript:alert(1)"))
                .then().spec(error(400, "avatar_url must be an http(s) URL of at most 2048 characters"));
        patch(user, Map.of("location", "x".repeat(101)))
                .then().spec(error(400, "location must be at most 100 characters"));
        patch(user, Map.of("location", 42)).then().spec(error(400, "Invalid value for 'location'"));
        // Keeping one's own name (in another case) is not "taken".
        patch(user, Map.of("username", user.username().toUpperCase())).then().statusCode(200);
    }

    @Test
    void publicProfileShowsOnlyPublicFields() {
        TestUser viewer = Users.verifiedUser("viewer");
        TestUser shown = Users.verifiedUser("shown");
        given().auth().oauth2(viewer.accessToken()).get("/v1/users/" + shown.id()).then().statusCode(200)
                .body("id", equalTo((int) shown.id()))
                .body("username", equalTo(shown.username()))
                .body("email", nullValue())
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("email")));
    }

    @Test
    void unknownAndUnverifiedUsersAreNotFound() {
        TestUser viewer = Users.verifiedUser("seeker");
        long unverified = Users.register(Users.uniqueEmail("hidden"), Users.uniqueUsername("hidden")).getLong("id");
        given().auth().oauth2(viewer.accessToken()).get("/v1/users/999999999")
                .then().spec(error(404, "User 999999999 not found"));
        given().auth().oauth2(viewer.accessToken()).get("/v1/users/" + unverified)
                .then().spec(error(404, "User " + unverified + " not found"));
        given().get("/v1/users/" + viewer.id()).then().spec(error(401, "Authentication required"));
    }

    @Test
    void searchFindsUsernamesByPrefixPageByPage() {
        String prefix = "srch" + UUID.randomUUID().toString().substring(0, 6);
        TestUser a = Users.verifiedUser(prefix + "a");
        TestUser b = Users.verifiedUser(prefix + "b");
        TestUser c = Users.verifiedUser(prefix + "C");
        Users.register(Users.uniqueEmail(prefix), prefix + "_unverified");

        Response first = given().auth().oauth2(a.accessToken()).queryParam("query", prefix.toUpperCase())
                .queryParam("limit", 2).get("/v1/users");
        first.then().statusCode(200)
                .body("items.username", contains(a.username(), b.username()))
                .body("next_cursor", notNullValue());
        given().auth().oauth2(a.accessToken()).queryParam("query", prefix).queryParam("limit", 2)
                .queryParam("cursor", first.path("next_cursor").toString()).get("/v1/users")
                .then().statusCode(200)
                .body("items.username", contains(c.username()))
                .body("next_cursor", nullValue());
        given().auth().oauth2(a.accessToken()).queryParam("query", prefix + "%").get("/v1/users")
                .then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void searchChecksItsParameters() {
        TestUser user = Users.verifiedUser("params");
        given().auth().oauth2(user.accessToken()).get("/v1/users")
                .then().spec(error(400, "expected 'query' parameter"));
        given().auth().oauth2(user.accessToken()).queryParam("query", "a").queryParam("limit", 0).get("/v1/users")
                .then().spec(error(400, "limit must be an integer between 1 and 100"));
        given().auth().oauth2(user.accessToken()).queryParam("query", "a").queryParam("limit", "abc")
                .get("/v1/users").then().spec(error(400, "limit must be an integer between 1 and 100"));
        given().auth().oauth2(user.accessToken()).queryParam("query", "a").queryParam("cursor", "@@@")
                .get("/v1/users").then().spec(error(400, "Invalid cursor"));
        // As long as the proxy lets through (a request line of 8 KiB): answered by the route, in the envelope.
        given().auth().oauth2(user.accessToken()).queryParam("query", "a").queryParam("cursor", "x".repeat(8_000))
                .get("/v1/users").then().spec(error(400, "Invalid cursor"));
    }

    @Test
    void deletingTheAccountNeedsThePasswordAndRemovesEverything() {
        TestUser user = Users.verifiedUser("delete");
        deleteMe(user, Map.of("password", "not my password")).then().spec(error(403, "Invalid password"));
        deleteMe(user, Map.of()).then().spec(error(400, "expected 'password' key"));
        deleteMe(user, Map.of("password", Users.PASSWORD)).then().statusCode(204);

        assertThat(Database.count(db, "select count(*) from account.accounts where id = ?", user.id())).isZero();
        assertThat(Database.count(db, "select count(*) from account.sessions where account_id = ?", user.id()))
                .isZero();
        LoginTest.login(user.email(), Users.PASSWORD).then().spec(error(401, "Invalid email or password"));
        SessionTest.refresh(user.refreshToken()).then().spec(error(401, "Invalid refresh token"));
    }

    private static Response patch(TestUser user, Map<String, ?> body) {
        return given().auth().oauth2(user.accessToken()).contentType(ContentType.JSON).body(body)
                .patch("/v1/users/me");
    }

    private static Response deleteMe(TestUser user, Map<String, ?> body) {
        return given().auth().oauth2(user.accessToken()).contentType(ContentType.JSON).body(body)
                .delete("/v1/accounts/me");
    }
}
