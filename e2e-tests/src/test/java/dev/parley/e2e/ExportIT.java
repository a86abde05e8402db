package dev.parley.e2e;

import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

import dev.parley.e2e.support.Database;
import dev.parley.e2e.support.EndToEnd;
import dev.parley.e2e.support.FrontDoor;
import dev.parley.e2e.support.Product.Service;
import dev.parley.e2e.support.Social;
import dev.parley.e2e.support.User;
import dev.parley.e2e.support.Users;

/**
 * A user's data export gathers everything the three services hold about them into one JSON document, ready within a
 * minute even with 10,000 messages; one export a day, and nobody else's.
 */
@EndToEnd
class ExportIT {

    private static final int MESSAGES = 10_000;
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    @Test
    void anExportOfAUserWith10000MessagesIsReadyWithinAMinuteAndHoldsEverything() {
        List<User> users = Users.verifiedUsers("ann", "bob", "eve");
        User ann = users.get(0);
        User bob = users.get(1);
        User eve = users.get(2);
        Social.befriend(ann, bob);
        long direct = Social.direct(ann, bob);
        Social.sent(ann, direct, "the first of many");
        Social.sent(bob, direct, "bob's own words");
        // Sending 10,000 through the API would take minutes at the send limit: the rest are written directly, the
        // way chat-service stores them.
        Database.execute(Service.CHAT, """
                WITH seeded AS (
                    UPDATE chat.conversations SET last_seq = last_seq + ? WHERE id = ? RETURNING last_seq)
                INSERT INTO chat.messages (conversation_id, seq, sender_id, body, created_at)
                SELECT ?, (SELECT last_seq FROM seeded) - ? + n, ?, 'seeded message ' || n, now()
                  FROM generate_series(1, ?) AS n""", MESSAGES - 1, direct, direct, MESSAGES - 1, ann.id(),
                MESSAGES - 1);

        JsonPath requested = ann.request().post("/v1/accounts/me/export").then().statusCode(202)
                .body("status", equalTo("pending")).body("created_at", notNullValue()).extract().jsonPath();
        long export = requested.getLong("id");
        ann.request().post("/v1/accounts/me/export").then().statusCode(429).header("Retry-After", notNullValue());
        eve.request().get("/v1/accounts/me/exports/" + export)
                .then().spec(error(404, "Export " + export + " not found"));

        JsonPath ready = await().atMost(READY_WITHIN).pollInterval(Duration.ofMillis(500))
                .until(() -> ann.request().get("/v1/accounts/me/exports/" + export).then().statusCode(200)
                        .extract().jsonPath(), status -> "ready".equals(status.getString("status")));
        String download = ready.getString("download_url");
        assertThat(download).endsWith("/v1/accounts/me/exports/" + export + "/download");
        String body = ann.request().get(download.substring(download.indexOf("/v1/"))).then().statusCode(200)
                .contentType("application/json").extract().asString();
        JsonPath document = JsonPath.from(body);

        assertThat(document.getLong("account.id")).isEqualTo(ann.id());
        assertThat(document.getString("account.email")).isEqualTo(ann.email());
        assertThat(document.getList("sessions")).isNotEmpty();
        assertThat(document.getList("friendship.friends.user_id", Long.class)).containsExactly(bob.id());
        assertThat(document.getList("chat.conversations.id", Long.class)).containsExactly(direct);
        assertThat(document.getList("chat.messages")).hasSize(MESSAGES);
        assertThat(document.getList("chat.messages.body", String.class)).doesNotContain("bob's own words")
                .contains("the first of many", "seeded message 9999");
        assertThat(body).doesNotContain("password_hash").doesNotContain("token_hash");
        eve.request().get("/v1/accounts/me/exports/" + export + "/download")
                .then().spec(error(404, "Export " + export + " not found"));
        FrontDoor.request().get("/v1/accounts/me/exports/" + export).then().statusCode(401);
    }
}
