package dev.parley.chat;

import static dev.parley.chat.support.Phones.awaitPushes;
import static dev.parley.chat.support.Phones.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;

import dev.parley.chat.support.Chat;
import dev.parley.chat.support.Neighbours;
import dev.parley.chat.support.Phones;
import dev.parley.testing.Database;
import dev.parley.testing.StreamClient;

/**
 * Who gets a push: members with no open socket, not the sender, not muted or quiet, not blocking the sender, at the
 * level they chose, as things stand when the message is planned (a moment after it is stored). Each case sends a
 * message that must not be pushed, then one that must: the second arriving alone shows the first was held back.
 */
@QuarkusTest
class PushRulesTest {

    @Inject
    DataSource db;

    @Test
    void anOfflineMemberGetsOnePushWithinTwoSecondsWithIdsPreviewAndBadgeAndTheSenderNone() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        String annPhone = Phones.register(ann);
        String bobPhone = Phones.register(bob);
        ann.sent(direct, "First");

        awaitPushes(bobPhone, 1);
        long messageId = messageId(ann.send(direct, "Dinner at 8? " + "x".repeat(150)));

        await().atMost(Duration.ofSeconds(2)).until(() -> Phones.pushesTo(bobPhone).size() == 2);
        JsonObject push = Phones.pushesTo(bobPhone).get(1);
        assertThat(data(push).getString("conversation_id")).isEqualTo(Long.toString(direct));
        assertThat(data(push).getString("message_id")).isEqualTo(Long.toString(messageId));
        assertThat(data(push).getString("seq")).isEqualTo("2");
        assertThat(data(push).getString("sender_id")).isEqualTo(Long.toString(ann.id()));
        assertThat(data(push).getString("badge")).isEqualTo("2");
        assertThat(data(push).getString("body")).isEqualTo("Dinner at 8? " + "x".repeat(87)).hasSize(100);
        assertThat(data(push).getString("push_id")).isNotBlank();
        assertThat(push.getJsonObject("android").getString("collapse_key")).isEqualTo("c" + direct);
        assertThat(Phones.pushesTo(annPhone)).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> Database.count(db,
                "select count(*) from chat.push_outbox where user_id = ?", bob.id()) == 0);
    }

    @Test
    void aMemberConnectedOnAnySocketGetsNoPush() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        String bobPhone = Phones.register(bob);

        try (StreamClient stream = StreamClient.withHeader(base(), bob.token())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> Database.count(db,
                    "select count(*) from chat.presence_sockets where user_id = ?", bob.id()) == 1);
            ann.sent(direct, "While connected");
            stream.next("message.created", Duration.ofSeconds(5));
            awaitPlanned();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> Database.count(db,
                "select count(*) from chat.presence_sockets where user_id = ?", bob.id()) == 0);
        ann.sent(direct, "After leaving");

        List<JsonObject> pushes = awaitPushes(bobPhone, 1);
        assertThat(pushes).extracting(push -> data(push).getString("body")).containsExactly("After leaving");
    }

    @Test
    void mutedAndNoneGetNothingUntilTheyChangeTheirMind() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        String bobPhone = Phones.register(bob);
        String path = "/v1/conversations/" + direct + "/notifications";

        bob.request().body(Map.of("level", "all", "muted_until", Instant.now().plusSeconds(3600).toString()))
                .put(path).then().statusCode(200);
        ann.sent(direct, "Muted");
        awaitPlanned();
        bob.request().body(Map.of("level", "none")).put(path).then().statusCode(200);
        ann.sent(direct, "None");
        awaitPlanned();
        bob.request().body(Map.of("level", "all", "muted_until", Instant.now().minusSeconds(1).toString()))
                .put(path).then().statusCode(200);
        ann.sent(direct, "Heard");

        assertThat(awaitPushes(bobPhone, 1)).extracting(push -> data(push).getString("body"))
                .containsExactly("Heard");
    }

    @Test
    void mentionsOnlyPushesWhatMentionsThem() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long group = ann.group("Team", bob);
        String bobPhone = Phones.register(bob);
        bob.request().body(Map.of("level", "mentions")).put("/v1/conversations/" + group + "/notifications")
                .then().statusCode(200);

        ann.sent(group, "Not for Bob");
        ann.request().body(Map.of("body", "Bob, look", "client_message_id", UUID.randomUUID().toString(),
                "mentions", List.of(bob.id()))).post("/v1/conversations/" + group + "/messages")
                .then().statusCode(201);

        List<JsonObject> pushes = awaitPushes(bobPhone, 1);
        assertThat(pushes).extracting(push -> data(push).getString("body")).containsExactly("Bob, look");
        assertThat(data(pushes.get(0)).getString("title")).isEqualTo("Team");
    }

    @Test
    void whoBlockedTheSenderGetsNoPushOfTheirGroupMessages() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat cid = Chat.newUser().befriend(ann);
        long group = ann.group("Team", bob, cid);
        String bobPhone = Phones.register(bob);
        Neighbours.awaitApplied(Neighbours.relationshipChanged(bob.id(), cid.id(), false, bob.id()));

        cid.sent(group, "From the blocked one");
        ann.sent(group, "From a friend");

        assertThat(awaitPushes(bobPhone, 1)).extracting(push -> data(push).getString("body"))
                .containsExactly("From a friend");
    }

    @Test
    void withPreviewsOffAPushCarriesIdsOnlyAndQuietTimeHoldsAllBack() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long group = ann.group("Secret plans", bob);
        String bobPhone = Phones.register(bob);

        bob.request().body(Map.of("previews", true, "quiet_until", Instant.now().plusSeconds(3600).toString()))
                .put("/v1/notifications/settings").then().statusCode(200);
        ann.sent(group, "During quiet time");
        awaitPlanned();
        bob.request().body(Map.of("previews", false)).put("/v1/notifications/settings").then().statusCode(200);
        long seq = ann.sent(group, "The password is swordfish");

        JsonObject push = awaitPushes(bobPhone, 1).get(0);
        assertThat(data(push).getString("seq")).isEqualTo(Long.toString(seq));
        assertThat(data(push).containsKey("body")).isFalse();
        assertThat(data(push).containsKey("title")).isFalse();
        assertThat(push.containsKey("notification")).isFalse();
        assertThat(push.encode()).doesNotContain("swordfish").doesNotContain("Secret plans");
    }

    @Test
    void readingOnAnotherDeviceSetsTheBadgeWithASilentPush() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        String bobPhone = Phones.register(bob);
        ann.sent(direct, "One");
        long last = ann.sent(direct, "Two");
        awaitPushes(bobPhone, 2);

        bob.request().body(Map.of("seq", last)).post("/v1/conversations/" + direct + "/read").then().statusCode(204);

        JsonObject silent = awaitPushes(bobPhone, 3).get(2);
        assertThat(data(silent).getString("badge")).isEqualTo("0");
        assertThat(data(silent).containsKey("message_id")).isFalse();
        assertThat(silent.containsKey("notification")).isFalse();
        assertThat(silent.getJsonObject("android").getString("collapse_key")).isEqualTo("badge");
        assertThat(Database.single(db, "select badge from chat.devices where user_id = ?", bob.id())).isEqualTo(0);
    }

    // Who gets a push is decided when the message is planned, a moment after it is stored.
    private void awaitPlanned() {
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Database.count(db, "select count(*) from chat.push_jobs") == 0);
    }

    private static long messageId(io.restassured.response.Response sent) {
        return sent.then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port;
    }
}
