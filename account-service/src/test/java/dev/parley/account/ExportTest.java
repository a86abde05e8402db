package dev.parley.account;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.parley.account.support.Exports.awaitReady;
import static dev.parley.account.support.Exports.download;
import static dev.parley.account.support.Exports.part;
import static dev.parley.account.support.Exports.request;
import static dev.parley.account.support.Exports.requested;
import static dev.parley.account.support.Exports.status;
import static dev.parley.account.support.Neighbours.chat;
import static dev.parley.account.support.Neighbours.friendship;
import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import dev.parley.account.service.Housekeeping;
import dev.parley.account.support.Events;
import dev.parley.account.support.Neighbours;
import dev.parley.account.support.Users;
import dev.parley.account.support.Users.TestUser;
import dev.parley.common.internal.ExportRoute;
import dev.parley.testing.Database;
import dev.parley.testing.NeighbourStub;

/**
 * Data exports: asked for once a day, gathered in the background from account-service's own tables and the internal
 * export routes of friendship-service and chat-service, downloadable by their owner alone for 7 days.
 */
@QuarkusTest
class ExportTest {

    @Inject
    DataSource db;

    @Inject
    Housekeeping housekeeping;

    @BeforeEach
    void healthyNeighbours() {
        friendship().reset();
        chat().reset();
    }

    @Test
    void anExportHoldsTheAccountItsSessionsProfileAndTheOtherServicesParts() {
        TestUser user = Users.verifiedUser("export");
        given().auth().oauth2(user.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("presence_visible", false, "read_receipts", false)).patch("/v1/users/me")
                .then().statusCode(200);
        part(friendship(), user, "{\"friends\": [{\"user_id\": 7}]}");
        part(chat(), user, "{\"messages\": [{\"text\": \"hello\"}]}");

        long id = request(user).then().statusCode(202)
                .body("status", equalTo("pending"))
                .body("created_at", notNullValue())
                .body("download_url", nullValue())
                .extract().jsonPath().getLong("id");
        JsonPath ready = awaitReady(user, id);

        assertThat(ready.getString("download_url"))
                .isEqualTo("http://localhost:8081/v1/accounts/me/exports/" + id + "/download");
        assertThat(Instant.parse(ready.getString("expires_at"))).isBetween(
                Instant.now().plus(Duration.ofDays(7)).minusSeconds(60), Instant.now().plus(Duration.ofDays(7)));
        Response download = download(user, id);
        download.then().statusCode(200).contentType("application/json")
                .header("Content-Disposition", "attachment; filename=\"parley-export-" + id + ".json\"")
                .body("generated_at", notNullValue())
                .body("account.id", equalTo((int) user.id()))
                .body("account.email", equalTo(user.email()))
                .body("account.verified", equalTo(true))
                .body("account.presence_visible", equalTo(false))
                .body("account.read_receipts", equalTo(false))
                .body("sessions.id", equalTo(List.of(Events.sessionIds(db, user.id()).getFirst().intValue())))
                .body("profile.username", equalTo(user.username()))
                .body("friendship.friends[0].user_id", equalTo(7))
                .body("chat.messages[0].text", equalTo("hello"));
        assertThat(download.jsonPath().getMap("account")).containsOnlyKeys("id", "email", "verified", "created_at",
                "updated_at", "presence_visible", "read_receipts");
        String passwordHash = (String) Database.single(db, "select password_hash from account.accounts where id = ?",
                user.id());
        assertThat(download.asString()).doesNotContain(passwordHash).doesNotContain("hash")
                .doesNotContain(user.refreshToken());

        for (NeighbourStub neighbour : List.of(friendship(), chat())) {
            neighbour.verify(1, getRequestedFor(urlEqualTo(ExportRoute.pathOf(user.id())))
                    .withHeader("Authorization", WireMock.equalTo(Neighbours.SERVICE_TOKEN)));
        }
        assertThat(Database.single(db, "select status from account.exports where id = ?", id)).isEqualTo("ready");
        assertThat(Database.count(db, "select attempts from account.exports where id = ?", id)).isEqualTo(1);
    }

    @Test
    void anExportOfTenThousandMessagesIsReadyWithinAMinute() {
        TestUser user = Users.verifiedUser("busy");
        StringBuilder messages = new StringBuilder("{\"messages\": [");
        for (int i = 0; i < 10_000; i++) {
            messages.append(i == 0 ? "" : ",").append("{\"id\": ").append(i)
                    .append(", \"text\": \"message number ").append(i).append(" of a busy user's chats\"}");
        }
        part(chat(), user, messages.append("]}").toString());

        long id = requested(user);

        awaitReady(user, id);
        download(user, id).then().statusCode(200).body("chat.messages.size()", equalTo(10_000))
                .body("chat.messages[9999].id", equalTo(9_999));
    }

    @Test
    void aSecondExportWithinADayIsRefusedWithRetryAfter() {
        TestUser user = Users.verifiedUser("twice");
        requested(user);

        Response second = request(user);

        second.then().spec(error(429, "Too many exports; try again later"));
        assertThat(Long.parseLong(second.header("Retry-After"))).isBetween(86_000L, 86_400L);
        assertThat(Database.count(db, "select count(*) from account.exports where account_id = ?", user.id()))
                .isEqualTo(1);
    }

    @Test
    void anotherUsersExportIsNotFound() {
        TestUser owner = Users.verifiedUser("owner");
        TestUser other = Users.verifiedUser("nosy");
        long id = requested(owner);
        awaitReady(owner, id);

        status(other, id).then().spec(error(404, "Export " + id + " not found"));
        download(other, id).then().spec(error(404, "Export " + id + " not found"));
        status(owner, 999_999_999L).then().spec(error(404, "Export 999999999 not found"));
        given().get("/v1/accounts/me/exports/" + id).then().spec(error(401, "Authentication required"));
        given().get("/v1/accounts/me/exports/" + id + "/download").then().spec(error(401, "Authentication required"));
        given().post("/v1/accounts/me/export").then().spec(error(401, "Authentication required"));
        download(owner, id).then().statusCode(200);
    }

    @Test
    void anExportIsDeletedOnceItExpires() throws Throwable {
        TestUser user = Users.verifiedUser("expires");
        TestUser other = Users.verifiedUser("keeps");
        long expired = requested(user);
        long kept = requested(other);
        awaitReady(user, expired);
        awaitReady(other, kept);

        Database.execute(db, "update account.exports set expires_at = now() - interval '1 second' where id = ?",
                expired);

        status(user, expired).then().spec(error(404, "Export " + expired + " not found"));
        download(user, expired).then().spec(error(404, "Export " + expired + " not found"));
        VertxContextSupport.subscribeAndAwait(() -> housekeeping.prune());
        assertThat(Database.count(db, "select count(*) from account.exports where id = ?", expired)).isZero();
        assertThat(Database.count(db, "select count(*) from account.exports where id = ?", kept)).isEqualTo(1);
        download(other, kept).then().statusCode(200);
    }
}
