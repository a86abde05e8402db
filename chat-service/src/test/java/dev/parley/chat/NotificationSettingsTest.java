package dev.parley.chat;

import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.parley.chat.support.Chat;
import dev.parley.testing.Database;

/** What members want pushed: a level per conversation with a default by size, and previews and quiet time. */
@QuarkusTest
class NotificationSettingsTest {

    @Inject
    DataSource db;

    @Test
    void directConversationsAndSmallGroupsDefaultToAllAndLargeGroupsToMentions() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        long small = ann.group("Small", bob);
        Chat[] many = new Chat[21];
        for (int i = 0; i < many.length; i++) {
            many[i] = Chat.newUser().befriend(ann);
        }
        long large = ann.group("Large", many);

        level(ann, direct).body("level", equalTo("all")).body("muted_until", nullValue());
        level(bob, small).body("level", equalTo("all"));
        level(many[0], large).body("level", equalTo("mentions"));
    }

    @Test
    void aMemberChoosesALevelAndAMuteThatOnlyTheyHave() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long group = ann.group("Team", bob);
        Instant until = Instant.now().plus(8, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

        ann.request().body(Map.of("level", "mentions", "muted_until", until.toString()))
                .put("/v1/conversations/" + group + "/notifications")
                .then().statusCode(200).body("level", equalTo("mentions"))
                .body("muted_until", equalTo(until.toString()));

        level(ann, group).body("level", equalTo("mentions")).body("muted_until", equalTo(until.toString()));
        level(bob, group).body("level", equalTo("all")).body("muted_until", nullValue());
        assertThat(Database.single(db, "select level from chat.conversation_notifications"
                + " where conversation_id = ? and user_id = ?", group, ann.id())).isEqualTo("mentions");

        ann.request().body(Map.of("level", "none")).put("/v1/conversations/" + group + "/notifications")
                .then().statusCode(200).body("level", equalTo("none")).body("muted_until", nullValue());
    }

    @Test
    void outsidersAndBadLevelsAreRefused() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat eve = Chat.newUser();
        long group = ann.group("Team", bob);
        String path = "/v1/conversations/" + group + "/notifications";

        eve.request().get(path).then().spec(error(404, "Conversation " + group + " not found"));
        eve.request().body(Map.of("level", "all")).put(path)
                .then().spec(error(404, "Conversation " + group + " not found"));
        ann.request().body(Map.of("level", "loud")).put(path)
                .then().spec(error(400, "level must be all, mentions or none"));
        ann.request().body(Map.of("muted_until", "2030-01-01T00:00:00Z")).put(path)
                .then().spec(error(400, "expected 'level' key"));
        ann.request().body(Map.of("level", "all", "muted_until", "tomorrow")).put(path).then().spec(error(400));
        assertThat(Database.count(db, "select count(*) from chat.conversation_notifications"
                + " where conversation_id = ?", group)).isZero();
    }

    @Test
    void previewsAndQuietTimeAreTheUsersOwn() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser();
        Instant quiet = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

        ann.request().get("/v1/notifications/settings").then().statusCode(200)
                .body("previews", equalTo(true)).body("quiet_until", nullValue());
        ann.request().body(Map.of("previews", false, "quiet_until", quiet.toString()))
                .put("/v1/notifications/settings").then().statusCode(200)
                .body("previews", equalTo(false)).body("quiet_until", equalTo(quiet.toString()));

        ann.request().get("/v1/notifications/settings").then().statusCode(200)
                .body("previews", equalTo(false)).body("quiet_until", equalTo(quiet.toString()));
        bob.request().get("/v1/notifications/settings").then().statusCode(200).body("previews", equalTo(true));

        ann.request().body(Map.of("quiet_until", quiet.toString())).put("/v1/notifications/settings")
                .then().spec(error(400, "expected 'previews' key"));
        ann.request().body(Map.of("previews", "yes")).put("/v1/notifications/settings").then().spec(error(400));
        assertThat(Database.single(db, "select previews from chat.notification_settings where user_id = ?",
                ann.id())).isEqualTo(false);
    }

    private static io.restassured.response.ValidatableResponse level(Chat member, long conversation) {
        return member.request().get("/v1/conversations/" + conversation + "/notifications").then().statusCode(200);
    }
}
