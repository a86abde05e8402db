package dev.parley.account;

import static dev.parley.account.support.Mail.mail;
import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

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
class PasswordResetTest {

    private static final String INVALID = "Invalid or expired password reset token";
    private static final String NEW_PASSWORD = "a brand new passphrase";

    @Inject
    DataSource db;

    @Test
    void mailedTokenSetsANewPasswordAndEndsEverySession() {
        TestUser user = Users.verifiedUser("reset");
        forgot(user.email()).then().statusCode(202);
        String token = mail().resetToken(user.email(), 2);

        reset(token, NEW_PASSWORD).then().statusCode(204);

        LoginTest.login(user.email(), Users.PASSWORD).then().spec(error(401, "Invalid email or password"));
        LoginTest.login(user.email(), NEW_PASSWORD).then().statusCode(200);
        SessionTest.refresh(user.refreshToken()).then().spec(error(401, "Invalid refresh token"));
        assertThat(Database.count(db, "select count(*) from account.password_resets where account_id = ? "
                + "and used_at is null", user.id())).isZero();
    }

    @Test
    void aResetTokenWorksOnce() {
        TestUser user = Users.verifiedUser("once");
        forgot(user.email()).then().statusCode(202);
        String token = mail().resetToken(user.email(), 2);
        reset(token, NEW_PASSWORD).then().statusCode(204);
        reset(token, "yet another password").then().spec(error(400, INVALID));
    }

    @Test
    void expiredOrUnknownTokensAreRefused() {
        TestUser user = Users.verifiedUser("stale");
        forgot(user.email()).then().statusCode(202);
        String token = mail().resetToken(user.email(), 2);
        Database.execute(db, "update account.password_resets set expires_at = now() - interval '1 second' "
                + "where account_id = ?", user.id());
        reset(token, NEW_PASSWORD).then().spec(error(400, INVALID));
        reset("made-up-token", NEW_PASSWORD).then().spec(error(400, INVALID));
    }

    @Test
    void forgotAnswers202ForUnknownEmailsAndMailsNothing() {
        String email = Users.uniqueEmail("unknown-forgot");
        forgot(email).then().statusCode(202);
        assertThat(Database.count(db, "select count(*) from account.outbox_mails where recipient = ?", email))
                .isZero();
    }

    @Test
    void resetChecksItsInput() {
        given().contentType(ContentType.JSON).body(Map.of()).post("/v1/accounts/password/forgot")
                .then().spec(error(400, "expected 'email' key"));
        given().contentType(ContentType.JSON).body(Map.of("password", NEW_PASSWORD))
                .post("/v1/accounts/password/reset").then().spec(error(400, "expected 'token' key"));
        given().contentType(ContentType.JSON).body(Map.of("token", "x"))
                .post("/v1/accounts/password/reset").then().spec(error(400, "expected 'password' key"));
        reset("x", "short").then().spec(error(400, "Password must be at least 8 characters"));
    }

    static Response forgot(String email) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email)).post("/v1/accounts/password/forgot");
    }

    static Response reset(String token, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("token", token, "password", password))
                .post("/v1/accounts/password/reset");
    }
}
