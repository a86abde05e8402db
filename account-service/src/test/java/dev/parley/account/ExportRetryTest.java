package dev.parley.account;

import static dev.parley.account.support.Exports.awaitReady;
import static dev.parley.account.support.Exports.download;
import static dev.parley.account.support.Exports.part;
import static dev.parley.account.support.Exports.requested;
import static dev.parley.account.support.Exports.status;
import static dev.parley.account.support.Exports.unavailable;
import static dev.parley.account.support.Neighbours.chat;
import static dev.parley.account.support.Neighbours.friendship;
import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.parley.account.support.Users;
import dev.parley.account.support.Users.TestUser;
import dev.parley.testing.Database;

/**
 * An export whose parts another service cannot give yet stays pending and is gathered again, with a growing pause,
 * until it succeeds; after ten minutes of trying it fails.
 */
@QuarkusTest
class ExportRetryTest {

    @Inject
    DataSource db;

    @BeforeEach
    void healthyNeighbours() {
        friendship().reset();
        chat().reset();
    }

    @Test
    void aNeighbourThatCannotAnswerLeavesTheExportPendingAndItIsGatheredAgain() {
        TestUser user = Users.verifiedUser("retry");
        unavailable(chat(), user);

        long id = requested(user);

        await().atMost(Duration.ofSeconds(10)).until(() -> Database.count(db,
                "select attempts from account.exports where id = ? and last_error is not null", id) >= 2);
        status(user, id).then().statusCode(200).body("status", equalTo("pending")).body("download_url", nullValue());
        download(user, id).then().spec(error(409, "Export " + id + " is not ready"));
        assertThat((String) Database.single(db, "select last_error from account.exports where id = ?", id))
                .startsWith("chat-service gave no export part: 503");

        part(chat(), user, "{\"messages\": []}");

        awaitReady(user, id);
        assertThat(Database.count(db, "select attempts from account.exports where id = ? and last_error is null", id))
                .isGreaterThanOrEqualTo(3);
        download(user, id).then().statusCode(200).body("chat.messages.size()", equalTo(0));
    }

    @Test
    void anExportThatCannotBeGatheredForTenMinutesFails() {
        TestUser user = Users.verifiedUser("fails");
        unavailable(friendship(), user);
        long id = requested(user);

        Database.execute(db, "update account.exports set created_at = created_at - interval '10 minutes' where id = ?",
                id);

        await().atMost(Duration.ofSeconds(10)).until(() -> "failed".equals(status(user, id).path("status")));
        status(user, id).then().body("download_url", nullValue()).body("expires_at", nullValue());
        download(user, id).then().spec(error(409, "Export " + id + " is not ready"));
        assertThat((String) Database.single(db, "select last_error from account.exports where id = ?", id))
                .startsWith("friendship-service gave no export part: 503");
    }
}
