package dev.parley.chat;

import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import dev.parley.chat.support.Chat;
import dev.parley.chat.support.Neighbours;
import dev.parley.testing.Database;
import dev.parley.testing.StreamClient;

/**
 * Presence: online while a socket is open, told to friends only, at most once per window (2 s in tests), and hidden
 * entirely by a user who turns presence_visible off.
 */
@QuarkusTest
class PresenceTest {

    private static final String UPDATED = "presence.updated";
    private static final Duration WINDOW = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(6);

    @Inject
    DataSource db;

    @Test
    void aFriendSeesAUserOnlineWhileTheirSocketIsOpenAndThenTheMinuteTheyLeft() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        assertThat(presence(bob, ann)).containsExactly(Map.of("user_id", ann.id(), "online", false));

        Instant connectedAt;
        try (StreamClient annStream = StreamClient.withHeader(base(), ann.token())) {
            awaitSockets(ann, 1);
            assertThat(presence(bob, ann)).containsExactly(Map.of("user_id", ann.id(), "online", true));
            assertThat(Database.single(db, "select online from chat.presence where user_id = ?", ann.id()))
                    .isEqualTo(true);
            connectedAt = Instant.now();
        }
        awaitSockets(ann, 0);

        JsonNode seen = item(bob, ann);
        assertThat(seen.path("online").asBoolean()).isFalse();
        Instant lastSeen = Instant.parse(seen.path("last_seen_at").asText());
        assertThat(lastSeen).isEqualTo(lastSeen.truncatedTo(ChronoUnit.MINUTES))
                .isBetween(connectedAt.truncatedTo(ChronoUnit.MINUTES), Instant.now());
        assertThat(seen.path("last_seen_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:00Z");
        assertThat(Database.single(db, "select online from chat.presence where user_id = ?", ann.id()))
                .isEqualTo(false);
    }

    @Test
    void friendsAreToldOfConnectAndDisconnectWhileStrangersAndBlockedUsersAreNot() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat cid = Chat.newUser();
        Chat dan = Chat.newUser().befriend(ann);
        Neighbours.awaitApplied(Neighbours.block(dan.id(), ann.id()));
        try (StreamClient bobStream = connect(bob);
                StreamClient cidStream = connect(cid);
                StreamClient danStream = connect(dan)) {
            try (StreamClient annStream = connect(ann)) {
                JsonNode online = bobStream.next(UPDATED, WAIT);
                assertThat(online).isNotNull();
                assertThat(online.has("conversation_id")).isTrue();
                assertThat(online.path("conversation_id").isNull()).isTrue();
                assertThat(online.path("seq").isNull()).isTrue();
                assertThat(online.path("data").path("user_id").asLong()).isEqualTo(ann.id());
                assertThat(online.path("data").path("online").asBoolean()).isTrue();
                assertThat(online.path("data").path("last_seen_at").isNull()).isTrue();
            }
            JsonNode offline = bobStream.next(UPDATED, WAIT);
            assertThat(offline.path("data").path("online").asBoolean()).isFalse();
            assertThat(offline.path("data").path("last_seen_at").asText()).endsWith(":00Z");

            for (StreamClient stream : List.of(cidStream, danStream)) {
                assertThat(stream.await(StreamClient.ofType(UPDATED), 1, Duration.ofMillis(500))).isEmpty();
            }
        }
        for (Chat outsider : List.of(cid, dan, ann)) {
            assertThat(presence(outsider, ann)).containsExactly((Map<String, Object>) null);
        }
    }

    @Test
    void answersFollowTheOrderAskedWithNullForAnyoneButAFriend() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat cid = Chat.newUser();
        Chat eve = Chat.newUser().befriend(ann);
        Neighbours.awaitApplied(Neighbours.block(ann.id(), eve.id()));
        try (StreamClient bobStream = connect(bob)) {
            JsonNode items = ann.request()
                    .queryParam("user_ids", ids(cid, bob, eve, ann) + ",999999999999," + bob.id())
                    .get("/v1/presence").then().statusCode(200).extract().as(JsonNode.class).path("items");
            String bobOnline = "{\"user_id\":" + bob.id() + ",\"online\":true,\"last_seen_at\":null}";
            assertThat(items.toString()).isEqualTo("[null," + bobOnline + ",null,null,null," + bobOnline + "]");
        }
    }

    @Test
    void aUserWhoHidesTheirPresenceAppearsOfflineToFriendsAndSeesNobody() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat cid = Chat.newUser().befriend(ann).befriend(bob);
        try (StreamClient bobStream = connect(bob); StreamClient annStream = connect(ann)) {
            assertThat(bobStream.next(UPDATED, WAIT).path("data").path("online").asBoolean()).isTrue();

            visible(ann, false);
            JsonNode hidden = bobStream.next(UPDATED, WAIT);
            assertThat(hidden.path("data").path("user_id").asLong()).isEqualTo(ann.id());
            assertThat(hidden.path("data").path("online").asBoolean()).isFalse();
            assertThat(hidden.path("data").path("last_seen_at").isNull()).isTrue();
            assertThat(presence(bob, ann)).containsExactly(Map.of("user_id", ann.id(), "online", false));
            assertThat(item(bob, ann).path("last_seen_at").isNull()).isTrue();
            assertThat(presence(ann, bob, cid)).containsExactly(null, null);
            assertThat(Database.single(db, "select hidden from chat.presence where user_id = ?", ann.id()))
                    .isEqualTo(true);

            try (StreamClient cidStream = connect(cid)) {
                JsonNode cidOnline = bobStream.next(UPDATED, WAIT);
                assertThat(cidOnline.path("data").path("user_id").asLong()).isEqualTo(cid.id());
                assertThat(annStream.await(StreamClient.ofType(UPDATED), 1, Duration.ofMillis(500))).isEmpty();
            }

            visible(ann, true);
            assertThat(bobStream.await(told(ann, true), 2, WAIT)).hasSize(2);
            assertThat(presence(ann, bob)).containsExactly(Map.of("user_id", bob.id(), "online", true));
        }
    }

    @Test
    void aUserWhoShowsThemselvesAgainWhileConnectedIsToldOnline() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        visible(ann, false);
        try (StreamClient bobStream = connect(bob); StreamClient annStream = connect(ann)) {
            assertThat(presence(bob, ann)).containsExactly(Map.of("user_id", ann.id(), "online", false));
            assertThat(bobStream.await(StreamClient.ofType(UPDATED), 1, Duration.ofMillis(500))).isEmpty();

            visible(ann, true);
            JsonNode shown = bobStream.next(UPDATED, WAIT);
            assertThat(shown.path("data").path("user_id").asLong()).isEqualTo(ann.id());
            assertThat(shown.path("data").path("online").asBoolean()).isTrue();
            assertThat(presence(bob, ann)).containsExactly(Map.of("user_id", ann.id(), "online", true));
            assertThat(presence(ann, bob)).containsExactly(Map.of("user_id", bob.id(), "online", true));
        }
    }

    @Test
    void flappingWithinTheWindowIsToldOnceAndThenAsItEndsWhenTheWindowEnds() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        try (StreamClient bobStream = connect(bob)) {
            StreamClient annStream = connect(ann);
            JsonNode first = bobStream.next(UPDATED, WAIT);
            long toldOnline = System.nanoTime();
            annStream.close();
            flap(ann);
            flap(ann);
            awaitSockets(ann, 0);

            JsonNode last = bobStream.next(UPDATED, WAIT);
            long toldOffline = System.nanoTime();
            assertThat(first.path("data").path("online").asBoolean()).isTrue();
            assertThat(last.path("data").path("online").asBoolean()).isFalse();
            assertThat(last.path("data").path("last_seen_at").asText()).endsWith(":00Z");
            // Offline is told when the window that began with "online" ends, not before.
            assertThat(Duration.ofNanos(toldOffline - toldOnline)).isGreaterThan(WINDOW.minusMillis(500));
            assertThat(bobStream.await(StreamClient.ofType(UPDATED), 3, WINDOW.plusSeconds(1))).hasSize(2);
        }
    }

    @Test
    void flappingThatEndsAsItBeganIsToldOnlyOnce() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        try (StreamClient bobStream = connect(bob); StreamClient annStream = connect(ann)) {
            flap(ann);
            flap(ann);
            awaitSockets(ann, 1);
            List<JsonNode> told = bobStream.await(StreamClient.ofType(UPDATED), 2, WINDOW.plusSeconds(2));
            assertThat(told).hasSize(1);
            assertThat(told.get(0).path("data").path("online").asBoolean()).isTrue();
            assertThat(presence(bob, ann)).containsExactly(Map.of("user_id", ann.id(), "online", true));
        }
    }

    @Test
    void anErasedAccountsPresenceIsForgotten() {
        Chat ann = Chat.newUser();
        connect(ann).close();
        awaitSockets(ann, 0);
        assertThat(Database.count(db, "select count(*) from chat.presence where user_id = ?", ann.id()))
                .isEqualTo(1);

        awaitAccountEvent(Neighbours.accountEvent("account.deleted", Long.toString(ann.id()),
                Map.of("user_id", ann.id())));
        assertThat(Database.count(db, "select count(*) from chat.presence where user_id = ?", ann.id())).isZero();
    }

    @Test
    void malformedTooManyOrMissingIdsAreRefused() {
        Chat ann = Chat.newUser();
        String hundredAndOne = java.util.stream.LongStream.rangeClosed(1, 101).mapToObj(Long::toString)
                .collect(Collectors.joining(","));
        ann.request().queryParam("user_ids", hundredAndOne).get("/v1/presence")
                .then().spec(error(400, "At most 100 user_ids"));
        for (String malformed : List.of("abc", "1,,2", "1,", "-3", "0", "1.5", "1, 2", "99999999999999999999")) {
            ann.request().queryParam("user_ids", malformed).get("/v1/presence")
                    .then().spec(error(400, "user_ids must be a comma-separated list of user ids"));
        }
        ann.request().get("/v1/presence")
                .then().spec(error(400, "user_ids is required: a comma-separated list of user ids"));
        ann.request().queryParam("user_ids", "").get("/v1/presence")
                .then().spec(error(400, "user_ids is required: a comma-separated list of user ids"));
        given().queryParam("user_ids", "1").get("/v1/presence").then().spec(error(401));
        String hundred = java.util.stream.LongStream.rangeClosed(1, 100).mapToObj(Long::toString)
                .collect(Collectors.joining(","));
        assertThat(ann.request().queryParam("user_ids", hundred).get("/v1/presence").then().statusCode(200)
                .extract().jsonPath().getList("items")).hasSize(100);
    }

    // The friend's presence as the viewer is answered, without the last_seen_at of an offline friend (see item).
    private static List<Map<String, Object>> presence(Chat viewer, Chat... users) {
        List<Map<String, Object>> items = viewer.request().queryParam("user_ids", ids(users)).get("/v1/presence")
                .then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().map(item -> item == null
                ? null
                : Map.<String, Object>of("user_id",
                        ((Number) item.get("user_id")).longValue(), "online", item.get("online")))
                .toList();
    }

    private static JsonNode item(Chat viewer, Chat user) {
        return viewer.request().queryParam("user_ids", user.id()).get("/v1/presence").then().statusCode(200)
                .extract().as(JsonNode.class).path("items").path(0);
    }

    private static String ids(Chat... users) {
        return Arrays.stream(users).map(user -> Long.toString(user.id())).collect(Collectors.joining(","));
    }

    // Opens the user's stream and waits until presence has recorded it.
    private StreamClient connect(Chat user) {
        long before = sockets(user);
        StreamClient stream = StreamClient.withHeader(base(), user.token()).of(user.id() + "");
        awaitSockets(user, before + 1);
        return stream;
    }

    private static Predicate<JsonNode> told(Chat user, boolean online) {
        return StreamClient.ofType(UPDATED).and(event -> event.path("data").path("user_id").asLong() == user.id()
                && event.path("data").path("online").asBoolean() == online);
    }

    // A socket opened and closed at once, as a flaky connection would.
    private static void flap(Chat user) {
        StreamClient.withHeader(base(), user.token()).close();
    }

    private void awaitSockets(Chat user, long count) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> sockets(user) == count);
    }

    private long sockets(Chat user) {
        return Database.count(db, "select count(*) from chat.presence_sockets where user_id = ?", user.id());
    }

    private void visible(Chat user, boolean visible) {
        awaitAccountEvent(Neighbours.accountEvent("presence.visibility", Long.toString(user.id()),
                Map.of("user_id", user.id(), "visible", visible)));
    }

    private void awaitAccountEvent(String cursor) {
        long position = Long.parseLong(cursor.substring(cursor.indexOf('.') + 1));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
            Object applied = Database.single(db, "select position from chat.feed_positions where feed = 'account'");
            return applied != null && ((Number) applied).longValue() >= position;
        });
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port;
    }
}
