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
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import dev.parley.account.service.Housekeeping;
import dev.parley.account.support.Users;
import dev.parley.testing.Database;

/** Unverified accounts expire with their verification link, 24 hours after registration, and free what they held. */
@QuarkusTest
class UnverifiedExpiryTest {

    @Inject
    DataSource db;

    @Inject
    Housekeeping housekeeping;

    @Test
    void registeringTheEmailAndUsernameOfAnExpiredUnverifiedAccountReplacesIt() {
        String email = Users.uniqueEmail("squat");
        String username = Users.uniqueUsername("squat");
        long stale = Users.register(email, username).getLong("id");
        age(stale, "25 hours");

        long fresh = register(email, username.toUpperCase()).then().statusCode(201).extract().jsonPath().getLong("id");

        assertThat(fresh).isNotEqualTo(stale);
        assertThat(Database.count(db, "select count(*) from account.accounts where id = ?", stale)).isZero();
        Users.verify(email, 2);
    }

    @Test
    void theEmailOfOneExpiredAccountAndTheUsernameOfAnotherAreBothFree() {
        String email = Users.uniqueEmail("pair");
        String username = Users.uniqueUsername("pair");
        long holdsEmail = Users.register(email, Users.uniqueUsername("pair")).getLong("id");
        long holdsUsername = Users.register(Users.uniqueEmail("pair"), username).getLong("id");
        age(holdsEmail, "25 hours");
        age(holdsUsername, "25 hours");

        register(email, username).then().statusCode(201);

        assertThat(Database.count(db, "select count(*) from account.accounts where id in (?, ?)", holdsEmail,
                holdsUsername)).isZero();
    }

    @Test
    void anUnverifiedAccountWithinItsDayStillHoldsItsEmailAndUsername() {
        String email = Users.uniqueEmail("young");
        String username = Users.uniqueUsername("young");
        age(Users.register(email, username).getLong("id"), "23 hours");

        register(email, Users.uniqueUsername("young"))
                .then().spec(error(400, "Account with the '" + email + "' email already exists"));
        register(Users.uniqueEmail("young"), username)
                .then().spec(error(400, "Username '" + username + "' is already taken"));
    }

    @Test
    void thePurgeDeletesOnlyUnverifiedAccountsOlderThanTheirLink() throws Throwable {
        long stale = Users.register(Users.uniqueEmail("stale"), Users.uniqueUsername("stale")).getLong("id");
        long young = Users.register(Users.uniqueEmail("young"), Users.uniqueUsername("young")).getLong("id");
        long verified = Users.verifiedUser("old").id();
        age(stale, "25 hours");
        age(young, "23 hours");
        age(verified, "400 days");

        VertxContextSupport.subscribeAndAwait(housekeeping::prune);

        assertThat(Database.count(db, "select count(*) from account.accounts where id = ?", stale)).isZero();
        assertThat(Database.count(db, "select count(*) from account.accounts where id in (?, ?)", young, verified))
                .isEqualTo(2);
    }

    @Test
    void aResentLinkExpiresWithTheAccountAndAnExpiredAccountIsSentNone() {
        String email = Users.uniqueEmail("resent");
        long id = Users.register(email, Users.uniqueUsername("resent")).getLong("id");
        age(id, "23 hours");
        resend(email).then().statusCode(202);

        long linkExpires = Long.parseLong(mail().verificationToken(email, 2).split("\\.")[1]);
        Number accountExpires = (Number) Database.single(db, "select floor(extract(epoch from created_at "
                + "+ interval '24 hours')) from account.accounts where id = ?", id);
        assertThat(linkExpires).isEqualTo(accountExpires.longValue());

        age(id, "2 hours");
        resend(email).then().statusCode(202);
        assertThat(Database.count(db, "select count(*) from account.outbox_mails where recipient = ?", email))
                .isEqualTo(2);
    }

    private void age(long accountId, String interval) {
        Database.execute(db, "update account.accounts set created_at = created_at - cast(? as interval) where id = ?",
                interval, accountId);
    }

    private static Response register(String email, String username) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", Users.PASSWORD, "username", username))
                .post("/v1/accounts/register");
    }

    private static Response resend(String email) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email)).post("/v1/accounts/verify/resend");
    }
}
