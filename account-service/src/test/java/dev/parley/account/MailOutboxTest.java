package dev.parley.account;

import static dev.parley.account.support.Mail.mail;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.parley.account.support.Users;
import dev.parley.testing.Database;

@QuarkusTest
class MailOutboxTest {

    @Inject
    DataSource db;

    @Test
    void registrationSucceedsWhileSmtpIsDownAndTheMailArrivesOnceItIsBack() {
        String email = Users.uniqueEmail("outage");
        mail().stop();
        try {
            Users.register(email, Users.uniqueUsername("outage"));
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> Database.count(db,
                    "select count(*) from account.outbox_mails where recipient = ? and attempts >= 2 "
                            + "and last_error is not null and sent_at is null",
                    email) == 1);
        } finally {
            mail().startAgain();
        }
        Users.verify(email);
        assertThat(Database.count(db, "select count(*) from account.outbox_mails where recipient = ? "
                + "and sent_at is not null", email)).isEqualTo(1);
        assertThat(mail().mailsTo(email)).hasSize(1);
    }
}
