package dev.parley.account;

import static dev.parley.account.support.Mail.mail;
import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.parley.account.service.VerificationTokens;
import dev.parley.account.support.Users;
import dev.parley.testing.Database;

@QuarkusTest
class VerificationTest {

    private static final String INVALID = "Invalid or expired verification token";

    @Inject
    DataSource db;

    @Inject
    VerificationTokens tokens;

    @Test
    void linkFromTheMailVerifiesTheAccount() {
        String email = Users.uniqueEmail("verify");
        Users.register(email, Users.uniqueUsername("verify"));
        String link = mail().verificationLink(email);
        assertThat(link).startsWith("http://localhost:8081/v1/accounts/verify/");

        given().get("/v1/accounts/verify/" + mail().verificationToken(email, 1))
                .then().statusCode(200)
                .body("email", equalTo(email))
                .body("verified", equalTo(true));
        assertThat(Database.single(db, "select verified from account.accounts where email = ?", email))
                .isEqualTo(true);
    }

    @Test
    void verifyingTwiceSaysAlreadyVerified() {
        String email = Users.uniqueEmail("twice");
        Users.register(email, Users.uniqueUsername("twice"));
        String token = mail().verificationToken(email, 1);
        given().get("/v1/accounts/verify/" + token).then().statusCode(200);
        given().get("/v1/accounts/verify/" + token).then().spec(error(400, "Account already verified"));
    }

    @Test
    void tamperedTokensAreRefused() {
        String email = Users.uniqueEmail("tamper");
        Users.register(email, Users.uniqueUsername("tamper"));
        String token = mail().verificationToken(email, 1);
        String[] parts = token.split("\\.");
        String otherEmail = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("victim@example.com".getBytes());
        String laterExpiry = Long.toString(Long.parseLong(parts[1]) + 3600);
        // The first character: the last one of a 32-byte signature carries two bits nobody decodes.
        char first = parts[2].charAt(0);
        String flipped = (first == 'A' ? 'B' : 'A') + parts[2].substring(1);

        for (String bad : new String[]{otherEmail + "." + parts[1] + "." + parts[2],
                parts[0] + "." + laterExpiry + "." + parts[2], parts[0] + "." + parts[1] + "." + flipped,
                "garbage", "a.b.c", parts[0] + "." + parts[1], "%%%.1.x"}) {
            given().get("/v1/accounts/verify/" + bad).then().spec(error(400, INVALID));
        }
        assertThat(Database.single(db, "select verified from account.accounts where email = ?", email))
                .isEqualTo(false);
    }

    @Test
    void expiredTokenIsRefused() {
        String email = Users.uniqueEmail("expired");
        Users.register(email, Users.uniqueUsername("expired"));
        String expired = tokens.issue(email, Instant.now().minus(Duration.ofSeconds(1)));
        given().get("/v1/accounts/verify/" + expired).then().spec(error(400, INVALID));
    }

    @Test
    void validTokenForAnEmailWithoutAccountSaysSo() {
        String token = tokens.issue("ghost@example.com", Instant.now().plus(Duration.ofHours(1)));
        given().get("/v1/accounts/verify/" + token)
                .then().spec(error(400, "No registered account with the email 'ghost@example.com'"));
    }

    @Test
    void resendAnswers202WhateverTheEmailAndMailsOnlyUnverifiedAccounts() {
        String email = Users.uniqueEmail("resend");
        Users.register(email, Users.uniqueUsername("resend"));
        mail().awaitMail(email, 1);

        resend(email).then().statusCode(202);
        resend("nobody-" + email).then().statusCode(202);
        String secondToken = mail().verificationToken(email, 2);
        given().get("/v1/accounts/verify/" + secondToken).then().statusCode(200);

        resend(email).then().statusCode(202);
        assertThat(Database.count(db, "select count(*) from account.outbox_mails where recipient = ?", email))
                .isEqualTo(2);
        assertThat(Database.count(db, "select count(*) from account.outbox_mails where recipient = ?",
                "nobody-" + email)).isZero();
    }

    @Test
    void resendWithoutEmailNamesTheKey() {
        given().contentType(ContentType.JSON).body(Map.of()).post("/v1/accounts/verify/resend")
                .then().spec(error(400, "expected 'email' key"));
    }

    private static io.restassured.response.Response resend(String email) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email)).post("/v1/accounts/verify/resend");
    }
}
