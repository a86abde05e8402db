package dev.parley.account;

import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import dev.parley.account.support.Users;
import dev.parley.account.support.Users.TestUser;
import dev.parley.testing.Database;

@QuarkusTest
class SessionTest {

    @Inject
    DataSource db;

    @Test
    void refreshRotatesBothTokensAndStoresOnlyHashes() {
        TestUser user = Users.verifiedUser("rotate");
        JsonPath next = refresh(user.refreshToken()).then().statusCode(200)
                .body("token_type", equalTo("Bearer")).extract().jsonPath();
        assertThat(next.getString("refresh_token")).isNotEqualTo(user.refreshToken());
        assertThat(next.getString("access_token")).isNotEqualTo(user.accessToken());
        given().auth().oauth2(next.getString("access_token")).get("/v1/accounts/me").then().statusCode(200);

        assertThat(Database.count(db, "select count(*) from account.refresh_tokens where token_hash = ?",
                user.refreshToken())).isZero();
        assertThat(Database.count(db, "select count(*) from account.refresh_tokens t join account.sessions s "
                + "on s.id = t.session_id where s.account_id = ? and t.rotated_at is not null", user.id()))
                .isEqualTo(1);
    }

    @Test
    void replayingARotatedTokenRevokesTheWholeSession() {
        TestUser user = Users.verifiedUser("reuse");
        String current = refresh(user.refreshToken()).then().statusCode(200).extract().path("refresh_token");

        refresh(user.refreshToken()).then().spec(error(401, "Invalid refresh token"))
                .header("WWW-Authenticate", "Bearer");
        // The thief's replay also locks out whoever holds the newest token: the session is gone.
        refresh(current).then().spec(error(401, "Invalid refresh token"));
        assertThat(Database.count(db, "select count(*) from account.sessions where account_id = ? "
                + "and revoked_at is not null", user.id())).isEqualTo(1);
    }

    @Test
    void unknownOrMissingRefreshTokenIsRefused() {
        refresh("not-a-token").then().spec(error(401, "Invalid refresh token"));
        given().contentType(ContentType.JSON).body(Map.of()).post("/v1/accounts/token/refresh")
                .then().spec(error(400, "expected 'refresh_token' key"));
    }

    @Test
    void logoutEndsTheSessionAndIsIdempotent() {
        TestUser user = Users.verifiedUser("logout");
        logout(user.refreshToken()).then().statusCode(204);
        logout(user.refreshToken()).then().statusCode(204);
        refresh(user.refreshToken()).then().spec(error(401, "Invalid refresh token"));
        assertThat(Database.count(db, "select count(*) from account.sessions where account_id = ? "
                + "and revoked_at is null", user.id())).isZero();
        given().contentType(ContentType.JSON).body(Map.of()).post("/v1/accounts/logout")
                .then().spec(error(400, "expected 'refresh_token' key"));
    }

    @Test
    void sessionsListShowsTheCallersActiveSessionsAndMarksTheCurrentOne() {
        TestUser user = Users.verifiedUser("list");
        given().contentType(ContentType.JSON).header("User-Agent", "second-device/1.0")
                .body(Map.of("email", user.email(), "password", Users.PASSWORD))
                .post("/v1/accounts/login").then().statusCode(200);

        given().auth().oauth2(user.accessToken()).get("/v1/accounts/sessions")
                .then().statusCode(200)
                .body("items", hasSize(2))
                .body("items.findAll { it.current }", hasSize(1))
                .body("items[0].user_agent", equalTo("second-device/1.0"))
                .body("next_cursor", nullValue());

        given().auth().oauth2(user.accessToken()).queryParam("limit", 1).get("/v1/accounts/sessions")
                .then().statusCode(200).body("items", hasSize(1))
                .body("next_cursor", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void revokingASessionStopsItsRefreshToken() {
        TestUser user = Users.verifiedUser("revoke");
        JsonPath other = Users.login(user.email(), Users.PASSWORD);
        List<Map<String, Object>> sessions = given().auth().oauth2(user.accessToken()).get("/v1/accounts/sessions")
                .then().extract().jsonPath().getList("items");
        Object otherId = sessions.stream().filter(s -> !(Boolean) s.get("current")).findFirst().orElseThrow().get("id");

        given().auth().oauth2(user.accessToken()).delete("/v1/accounts/sessions/" + otherId).then().statusCode(204);
        refresh(other.getString("refresh_token")).then().spec(error(401, "Invalid refresh token"));
        refresh(user.refreshToken()).then().statusCode(200);
        given().auth().oauth2(user.accessToken()).delete("/v1/accounts/sessions/" + otherId)
                .then().spec(error(404, "Session " + otherId + " not found"));
    }

    @Test
    void oneUserCannotSeeOrRevokeAnothersSession() {
        TestUser owner = Users.verifiedUser("owner");
        TestUser intruder = Users.verifiedUser("intruder");
        Object ownerSession = given().auth().oauth2(owner.accessToken()).get("/v1/accounts/sessions")
                .then().extract().path("items[0].id");

        given().auth().oauth2(intruder.accessToken()).get("/v1/accounts/sessions")
                .then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(ownerSession)));
        given().auth().oauth2(intruder.accessToken()).delete("/v1/accounts/sessions/" + ownerSession)
                .then().spec(error(404, "Session " + ownerSession + " not found"));
        refresh(owner.refreshToken()).then().statusCode(200);
    }

    @Test
    void sessionEndpointsNeedAnAccessToken() {
        given().get("/v1/accounts/sessions").then().spec(error(401, "Authentication required"))
                .header("WWW-Authenticate", "Bearer");
        given().delete("/v1/accounts/sessions/1").then().spec(error(401, "Authentication required"));
    }

    static Response refresh(String token) {
        return given().contentType(ContentType.JSON).body(Map.of("refresh_token", token))
                .post("/v1/accounts/token/refresh");
    }

    static Response logout(String token) {
        return given().contentType(ContentType.JSON).body(Map.of("refresh_token", token)).post("/v1/accounts/logout");
    }
}
