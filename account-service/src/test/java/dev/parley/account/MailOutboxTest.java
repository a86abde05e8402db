package dev.parley.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.parley.account.support.MailServer;
import dev.parley.account.support.Users;
import dev.parley.common.testing.Database;

@QuarkusTest
class MailOutboxTest {

    @Inject
    DataSource db;

    @Test
    void registrationSucceedsWhileSmtpIsDownAndTheMailArrivesOnceItIsBack() {
        String email = Users.uniqueEmail("outage");
        MailServer.stopServer();
        try {
            Users.register(email, Users.uniqueUsername("outage"));
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> Database.count(db,
                    "select count(*) from account.outbox_mails where recipient = ? and attempts >= 2 "
                            + "and last_error is not null and sent_at is null",
                    email) == 1);
        } finally {
            MailServer.startServer();
        }
        Users.verify(email);
        assertThat(Database.count(db, "select count(*) from account.outbox_mails where recipient = ? "
                + "and sent_at is not null", email)).isEqualTo(1);
        assertThat(MailServer.mailsTo(email)).hasSize(1);
    }
}
