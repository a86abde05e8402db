package dev.parley.account;

import static dev.parley.account.support.Mail.mail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import dev.parley.account.support.Limits;
import dev.parley.account.support.Parallel;
import dev.parley.account.support.Users;
import dev.parley.account.support.Users.TestUser;
import dev.parley.testing.Database;

@QuarkusTest
@TestProfile(MailLimitsTest.ProductionMailLimits.class)
class MailLimitsTest {

    /** The mail limits production runs with, which the other tests raise. */
    public static class ProductionMailLimits implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.mail.per-recipient-minute", "1/60s", "parley.mail.per-recipient-day", "5/24h");
        }
    }

    @Inject
    DataSource db;

    @Test
    void aResendWithinAMinuteOfTheRegistrationMailQueuesNothing() {
        String email = Users.uniqueEmail("flood");
        Users.register(email, Users.uniqueUsername("flood"));
        for (int i = 0; i < 3; i++) {
            resend(email).then().statusCode(202);
        }
        assertThat(queued(email)).isEqualTo(1);
    }

    @Test
    void twentyParallelResendsQueueOneMail() {
        String email = Users.uniqueEmail("resends");
        Users.register(email, Users.uniqueUsername("resends"));
        aMinutePasses(email);

        List<Response> answers = Parallel.run(20, i -> resend(email));

        assertThat(answers).allSatisfy(answer -> answer.then().statusCode(202));
        assertThat(delivered(email)).isEqualTo(2);
        assertThat(queued(email)).isEqualTo(2);
    }

    @Test
    void twentyParallelForgottenPasswordsQueueOneMail() {
        TestUser user = Users.verifiedUser("forgots");
        aMinutePasses(user.email());

        List<Response> answers = Parallel.run(20, i -> PasswordResetTest.forgot(user.email()));

        assertThat(answers).allSatisfy(answer -> answer.then().statusCode(202));
        assertThat(delivered(user.email())).isEqualTo(2);
        assertThat(Database.count(db, "select count(*) from account.password_resets where account_id = ?",
                user.id())).isEqualTo(1);
    }

    @Test
    void theSixthMailToAnAddressInADayIsNotSent() {
        String email = Users.uniqueEmail("daily");
        long id = Users.register(email, Users.uniqueUsername("daily")).getLong("id");
        for (int i = 0; i < 4; i++) {
            aMinutePasses(email);
            (i % 2 == 0 ? resend(email) : PasswordResetTest.forgot(email)).then().statusCode(202);
        }
        assertThat(queued(email)).isEqualTo(5);

        aMinutePasses(email);
        resend(email).then().statusCode(202);
        aMinutePasses(email);
        PasswordResetTest.forgot(email).then().statusCode(202);

        assertThat(queued(email)).isEqualTo(5);
        assertThat(delivered(email)).isEqualTo(5);
        assertThat(Database.count(db, "select count(*) from account.password_resets where account_id = ?", id))
                .isEqualTo(2);
    }

    private void aMinutePasses(String email) {
        Limits.age(db, "mail-per-minute", email, "61 seconds");
    }

    private long queued(String email) {
        return Database.count(db, "select count(*) from account.outbox_mails where recipient = ?", email);
    }

    /** Mails that reached the inbox once the outbox has nothing left to send to the address. */
    private int delivered(String email) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Database.count(db,
                "select count(*) from account.outbox_mails where recipient = ? and sent_at is null", email) == 0);
        return mail().mailsTo(email).size();
    }

    private static Response resend(String email) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email)).post("/v1/accounts/verify/resend");
    }
}
