package dev.parley.account;

import static dev.parley.account.support.Events.published;
import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import dev.parley.account.api.PresenceVisibility;
import dev.parley.account.api.ReadReceipts;
import dev.parley.account.support.Parallel;
import dev.parley.account.support.Users;
import dev.parley.account.support.Users.TestUser;
import dev.parley.testing.Database;

/** The owner's read_receipts setting: changed on the profile, seen only by the owner, announced on the feed. */
@QuarkusTest
class ReadReceiptsTest {

    private static final String MESSAGE = "read_receipts must be true or false";

    @Inject
    DataSource db;

    @Test
    void everyAccountStartsWithReadReceipts() {
        TestUser user = Users.verifiedUser("receipts");
        me(user).then().statusCode(200).body("read_receipts", equalTo(true));
        assertThat(stored(user)).isTrue();
        assertThat(events(user)).isEmpty();
    }

    @Test
    void anAccountStoredBeforeTheSettingExistedHasReadReceipts() {
        long id = ((Number) Database.single(db, "insert into account.accounts (email, password_hash, verified, "
                + "username, created_at, updated_at) values (?, 'x', true, ?, now(), now()) returning id",
                Users.uniqueEmail("older"), Users.uniqueUsername("older"))).longValue();
        assertThat(Database.single(db, "select read_receipts from account.accounts where id = ?", id))
                .isEqualTo(true);
    }

    @Test
    void theOwnerTurnsReadReceiptsOffAndOnAgainAndEachChangeIsAnnouncedOnce() {
        TestUser user = Users.verifiedUser("turnoff");
        patch(user, Map.of("read_receipts", false)).then().statusCode(200)
                .body("id", equalTo((int) user.id()))
                .body("username", equalTo(user.username()))
                .body("read_receipts", equalTo(false));
        assertThat(stored(user)).isFalse();
        me(user).then().statusCode(200).body("read_receipts", equalTo(false));
        assertThat(events(user)).hasSize(1);
        assertAnnounced(events(user).getFirst(), user, false);
        assertThat(Database.single(db, "select compacted from account.outbox_events where type = ? and key = ?",
                ReadReceipts.TYPE, Long.toString(user.id()))).isEqualTo(true);

        patch(user, Map.of("read_receipts", true)).then().statusCode(200)
                .body("read_receipts", equalTo(true));
        assertThat(stored(user)).isTrue();
        me(user).then().statusCode(200).body("read_receipts", equalTo(true));
        assertThat(events(user)).hasSize(2);
        assertAnnounced(events(user).getLast(), user, true);
    }

    @Test
    void aPatchThatDoesNotChangeTheSettingAnnouncesNothing() {
        TestUser user = Users.verifiedUser("unchanged");
        patch(user, Map.of("read_receipts", true)).then().statusCode(200)
                .body("read_receipts", equalTo(true));
        assertThat(events(user)).isEmpty();

        patch(user, Map.of("read_receipts", false)).then().statusCode(200);
        patch(user, Map.of("read_receipts", false)).then().statusCode(200)
                .body("read_receipts", equalTo(false));
        assertThat(stored(user)).isFalse();
        assertThat(events(user)).hasSize(1);
    }

    @Test
    void withoutTheKeyTheSettingStaysAsItWas() {
        TestUser user = Users.verifiedUser("keyless");
        patch(user, Map.of("read_receipts", false)).then().statusCode(200);
        patch(user, Map.of("location", "Porto")).then().statusCode(200)
                .body("location", equalTo("Porto"))
                .body("read_receipts", equalTo(false));
        assertThat(stored(user)).isFalse();
        assertThat(events(user)).hasSize(1);
    }

    @Test
    void eachSettingChangesAndIsAnnouncedOnItsOwn() {
        TestUser user = Users.verifiedUser("both");
        patch(user, Map.of("presence_visible", false)).then().statusCode(200)
                .body("presence_visible", equalTo(false))
                .body("read_receipts", equalTo(true));
        assertThat(stored(user)).isTrue();
        assertThat(events(user)).isEmpty();

        patch(user, Map.of("read_receipts", false, "presence_visible", true)).then().statusCode(200)
                .body("presence_visible", equalTo(true))
                .body("read_receipts", equalTo(false));
        assertThat(stored(user)).isFalse();
        assertThat(events(user)).hasSize(1);
        assertAnnounced(events(user).getFirst(), user, false);
        assertThat(published(db, PresenceVisibility.TYPE, Long.toString(user.id()))).hasSize(2);
    }

    @Test
    void onlyTrueOrFalseIsAcceptedAndARefusedBodyChangesNothing() {
        TestUser user = Users.verifiedUser("notbool");
        Map<String, Object> nullValue = new HashMap<>();
        nullValue.put("read_receipts", null);
        for (Map<String, ?> body : List.of(Map.of("read_receipts", "yes"), Map.of("read_receipts", "false"),
                Map.of("read_receipts", 0), Map.of("read_receipts", 1), Map.of("read_receipts", List.of(false)),
                nullValue, Map.of("read_receipts", "no", "location", "Faro"),
                Map.of("read_receipts", "no", "presence_visible", false))) {
            patch(user, body).then().spec(error(400, MESSAGE));
        }
        assertThat(stored(user)).isTrue();
        assertThat(Database.single(db, "select location from account.accounts where id = ?", user.id())).isNull();
        assertThat(Database.single(db, "select presence_visible from account.accounts where id = ?", user.id()))
                .isEqualTo(true);
        assertThat(events(user)).isEmpty();
        assertThat(published(db, PresenceVisibility.TYPE, Long.toString(user.id()))).isEmpty();
    }

    @Test
    void otherUsersNeverSeeTheSetting() {
        TestUser viewer = Users.verifiedUser("onlooker");
        TestUser reader = Users.verifiedUser("reader");
        patch(reader, Map.of("read_receipts", false)).then().statusCode(200);

        given().auth().oauth2(viewer.accessToken()).get("/v1/users/" + reader.id()).then().statusCode(200)
                .body("id", equalTo((int) reader.id()))
                .body("$", not(hasKey("read_receipts")));
        given().auth().oauth2(viewer.accessToken()).queryParam("query", reader.username()).get("/v1/users")
                .then().statusCode(200)
                .body("items.username", equalTo(List.of(reader.username())))
                .body("items", everyItem(not(hasKey("read_receipts"))));
        me(reader).then().statusCode(200).body("user", not(hasKey("read_receipts")));
    }

    @Test
    void concurrentChangesLeaveTheNewestEventEqualToTheStoredSetting() {
        TestUser user = Users.verifiedUser("contend");
        List<Response> answers = Parallel.run(12, i -> patch(user, i % 3 == 0
                ? Map.of("location", "Braga " + i)
                : Map.of("read_receipts", i % 3 == 1)));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(200));
        List<JsonNode> announced = events(user);
        assertThat(announced).isNotEmpty();
        assertThat(announced.getLast().path("enabled").booleanValue()).isEqualTo(stored(user));
        // Each event is a change: no two in a row say the same.
        for (int i = 1; i < announced.size(); i++) {
            assertThat(announced.get(i).path("enabled").booleanValue())
                    .isNotEqualTo(announced.get(i - 1).path("enabled").booleanValue());
        }
    }

    private void assertAnnounced(JsonNode data, TestUser user, boolean enabled) {
        assertThat(data.path("user_id").asLong()).isEqualTo(user.id());
        assertThat(data.path("enabled").isBoolean()).isTrue();
        assertThat(data.path("enabled").booleanValue()).isEqualTo(enabled);
        assertThat(data.size()).isEqualTo(2);
    }

    private List<JsonNode> events(TestUser user) {
        return published(db, ReadReceipts.TYPE, Long.toString(user.id()));
    }

    private boolean stored(TestUser user) {
        return (Boolean) Database.single(db, "select read_receipts from account.accounts where id = ?", user.id());
    }

    private static Response me(TestUser user) {
        return given().auth().oauth2(user.accessToken()).get("/v1/accounts/me");
    }

    private static Response patch(TestUser user, Map<String, ?> body) {
        return given().auth().oauth2(user.accessToken()).contentType(ContentType.JSON).body(body)
                .patch("/v1/users/me");
    }
}
