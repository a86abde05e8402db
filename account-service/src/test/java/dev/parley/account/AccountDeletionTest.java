package dev.parley.account;

import static dev.parley.account.support.Events.awaitRefused;
import static dev.parley.account.support.Events.published;
import static dev.parley.account.support.Events.sessionIds;
import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import dev.parley.account.support.Exports;
import dev.parley.account.support.Users;
import dev.parley.account.support.Users.TestUser;
import dev.parley.testing.Database;

/**
 * {@code DELETE /v1/accounts/me}: with the password, the account goes with everything about it, every session's
 * access tokens are refused, the other services are told to erase theirs ({@code account.deleted}), and the email
 * and username are free again.
 */
@QuarkusTest
class AccountDeletionTest {

    private static final String DELETED = "account.deleted";

    @Inject
    DataSource db;

    @Test
    void deletingTheAccountEndsEverySessionAndTellsTheOtherServices() {
        TestUser user = Users.verifiedUser("leaving");
        TestUser viewer = Users.verifiedUser("staying");
        String secondToken = Users.login(user.email(), Users.PASSWORD).getString("access_token");
        String ended = Users.login(user.email(), Users.PASSWORD).getString("refresh_token");
        SessionTest.logout(ended).then().statusCode(204);
        List<Long> sessions = sessionIds(db, user.id());
        PasswordResetTest.forgot(user.email()).then().statusCode(202);
        Exports.requested(user);
        Instant before = Instant.now();

        deleteMe(user.accessToken(), Map.of("password", Users.PASSWORD)).then().statusCode(204);

        List<JsonNode> deleted = published(db, DELETED, Long.toString(user.id()));
        assertThat(deleted).hasSize(1);
        assertThat(deleted.getFirst().path("user_id").asLong()).isEqualTo(user.id());
        assertThat(deleted.getFirst().size()).isEqualTo(1);
        RevocationTest.assertAnnounced(db, sessions.get(0), user.id(), before);
        RevocationTest.assertAnnounced(db, sessions.get(1), user.id(), before);
        // The session that had ended already was announced when it ended, and not again.
        assertThat(published(db, RevocationTest.REVOKED, Long.toString(sessions.get(2)))).hasSize(1);

        awaitRefused(user.accessToken(), "/v1/users/" + viewer.id());
        awaitRefused(secondToken, "/v1/users/" + viewer.id());
        for (String table : List.of("accounts where id", "sessions where account_id",
                "password_resets where account_id", "exports where account_id")) {
            assertThat(Database.count(db, "select count(*) from account." + table + " = ?", user.id()))
                    .as(table).isZero();
        }
        assertThat(Database.count(db, "select count(*) from account.refresh_tokens where session_id = any(?)",
                (Object) sessions.toArray(Long[]::new))).isZero();
        assertThat(Database.count(db, "select count(*) from account.outbox_mails where recipient = ?",
                user.email())).isZero();
    }

    @Test
    void afterDeletionTheUserIsGoneAndTheEmailAndUsernameAreFree() {
        TestUser user = Users.verifiedUser("gone");
        TestUser viewer = Users.verifiedUser("looking");

        deleteMe(user.accessToken(), Map.of("password", Users.PASSWORD)).then().statusCode(204);

        given().auth().oauth2(viewer.accessToken()).get("/v1/users/" + user.id())
                .then().spec(error(404, "User " + user.id() + " not found"));
        LoginTest.login(user.email(), Users.PASSWORD).then().spec(error(401, "Invalid email or password"));
        long again = Users.register(user.email(), user.username()).getLong("id");
        assertThat(again).isNotEqualTo(user.id());
        Users.verify(user.email(), 2);
        Users.login(user.email(), Users.PASSWORD);
    }

    @Test
    void withoutTheRightPasswordNothingIsDeletedOrAnnounced() {
        TestUser user = Users.verifiedUser("staysput");

        deleteMe(user.accessToken(), Map.of("password", "not my password")).then().spec(error(403, "Invalid password"));
        deleteMe(user.accessToken(), Map.of()).then().spec(error(400, "expected 'password' key"));
        given().auth().oauth2(user.accessToken()).contentType(ContentType.JSON).delete("/v1/accounts/me")
                .then().spec(error(400, "expected 'password' key"));
        given().auth().oauth2(user.accessToken()).delete("/v1/accounts/me")
                .then().spec(error(400, "expected 'password' key"));
        given().delete("/v1/accounts/me").then().spec(error(401, "Authentication required"));

        assertThat(Database.count(db, "select count(*) from account.accounts where id = ?", user.id())).isEqualTo(1);
        assertThat(published(db, DELETED, Long.toString(user.id()))).isEmpty();
        assertThat(published(db, RevocationTest.REVOKED, Long.toString(sessionIds(db, user.id()).getFirst())))
                .isEmpty();
        RevocationTest.me(user.accessToken()).then().statusCode(200);
    }

    private static Response deleteMe(String accessToken, Map<String, ?> body) {
        return given().auth().oauth2(accessToken).contentType(ContentType.JSON).body(body).delete("/v1/accounts/me");
    }
}
