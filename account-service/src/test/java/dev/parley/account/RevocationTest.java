package dev.parley.account;

import static dev.parley.account.support.Events.awaitRefused;
import static dev.parley.account.support.Events.published;
import static dev.parley.account.support.Events.sessionIds;
import static dev.parley.account.support.Mail.mail;
import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import dev.parley.account.support.Users;
import dev.parley.account.support.Users.TestUser;

/**
 * Every way a session ends before its access tokens expire announces it on the account feed as
 * {@code session.revoked}, in the transaction that ends it; every service, this one included, then refuses those
 * tokens within two seconds.
 */
@QuarkusTest
class RevocationTest {

    static final String REVOKED = "session.revoked";
    private static final String REFUSED = "Invalid or expired access token";
    private static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(15);

    @Inject
    DataSource db;

    @Test
    void afterLogoutTheSessionsAccessTokenIsRefusedWithinTwoSeconds() {
        TestUser user = Users.verifiedUser("gone");
        long session = sessionIds(db, user.id()).getFirst();
        me(user.accessToken()).then().statusCode(200);
        Instant before = Instant.now();

        SessionTest.logout(user.refreshToken()).then().statusCode(204);

        awaitRefused(user.accessToken(), "/v1/accounts/me");
        me(user.accessToken()).then().spec(error(401, REFUSED)).header("WWW-Authenticate", "Bearer");
        assertAnnounced(session, user.id(), before);
        // Logging out again ends nothing more, and announces nothing more.
        SessionTest.logout(user.refreshToken()).then().statusCode(204);
        assertThat(published(db, REVOKED, Long.toString(session))).hasSize(1);
    }

    @Test
    void revokingOneSessionRefusesItsAccessTokensAndNoOthers() {
        TestUser user = Users.verifiedUser("onegone");
        String otherToken = Users.login(user.email(), Users.PASSWORD).getString("access_token");
        List<Long> sessions = sessionIds(db, user.id());
        Instant before = Instant.now();

        given().auth().oauth2(user.accessToken()).delete("/v1/accounts/sessions/" + sessions.get(1))
                .then().statusCode(204);

        awaitRefused(otherToken, "/v1/accounts/me");
        me(user.accessToken()).then().statusCode(200);
        assertAnnounced(sessions.get(1), user.id(), before);
        assertThat(published(db, REVOKED, Long.toString(sessions.get(0)))).isEmpty();
    }

    @Test
    void aPasswordResetRefusesTheAccessTokensOfEverySession() {
        TestUser user = Users.verifiedUser("resetgone");
        String otherToken = Users.login(user.email(), Users.PASSWORD).getString("access_token");
        PasswordResetTest.forgot(user.email()).then().statusCode(202);
        Instant before = Instant.now();

        PasswordResetTest.reset(mail().resetToken(user.email(), 2), "a brand new passphrase").then().statusCode(204);

        awaitRefused(user.accessToken(), "/v1/accounts/me");
        awaitRefused(otherToken, "/v1/accounts/me");
        assertThat(sessionIds(db, user.id())).hasSize(2);
        for (long session : sessionIds(db, user.id())) {
            assertAnnounced(session, user.id(), before);
        }
    }

    @Test
    void replayingARotatedRefreshTokenRefusesTheSessionsAccessTokens() {
        TestUser user = Users.verifiedUser("reusegone");
        long session = sessionIds(db, user.id()).getFirst();
        JsonPath rotated = SessionTest.refresh(user.refreshToken()).then().statusCode(200).extract().jsonPath();
        me(rotated.getString("access_token")).then().statusCode(200);
        Instant before = Instant.now();

        SessionTest.refresh(user.refreshToken()).then().spec(error(401, "Invalid refresh token"));

        awaitRefused(rotated.getString("access_token"), "/v1/accounts/me");
        me(user.accessToken()).then().spec(error(401, REFUSED));
        assertAnnounced(session, user.id(), before);
    }

    @Test
    void aRefusedRevocationAnnouncesNothing() {
        TestUser owner = Users.verifiedUser("keeps");
        TestUser intruder = Users.verifiedUser("tries");
        long session = sessionIds(db, owner.id()).getFirst();

        given().auth().oauth2(intruder.accessToken()).delete("/v1/accounts/sessions/" + session)
                .then().spec(error(404, "Session " + session + " not found"));

        assertThat(published(db, REVOKED, Long.toString(session))).isEmpty();
        me(owner.accessToken()).then().statusCode(200);
    }

    /** One announcement of the session's end, naming its user and when its last access token expires. */
    static void assertAnnounced(DataSource db, long session, long userId, Instant before) {
        List<JsonNode> events = published(db, REVOKED, Long.toString(session));
        assertThat(events).hasSize(1);
        JsonNode data = events.getFirst();
        assertThat(data.path("session_id").asLong()).isEqualTo(session);
        assertThat(data.path("user_id").asLong()).isEqualTo(userId);
        assertThat(Instant.parse(data.path("until").asText()))
                .isBetween(before.plus(ACCESS_TOKEN_LIFETIME).minusSeconds(1),
                        Instant.now().plus(ACCESS_TOKEN_LIFETIME).plusSeconds(1));
    }

    private void assertAnnounced(long session, long userId, Instant before) {
        assertAnnounced(db, session, userId, before);
    }

    static Response me(String accessToken) {
        return given().auth().oauth2(accessToken).get("/v1/accounts/me");
    }
}
