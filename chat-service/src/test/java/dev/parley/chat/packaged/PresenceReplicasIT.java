package dev.parley.chat.packaged;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.chat.support.Neighbours;
import dev.parley.testing.StreamClient;
import dev.parley.testing.TestTokens;

/**
 * Presence across two chat-service processes from the packaged artifact, with production settings: a user is online
 * while a socket of theirs is open on either replica, and a replica killed with {@code kill -9} takes its users
 * offline within a minute, as seen and told through the replica that is left.
 */
class PresenceReplicasIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration DEAD_REPLICA = Duration.ofSeconds(60);

    @RegisterExtension
    static final TwoReplicas REPLICAS = new TwoReplicas();

    @Test
    void aUserIsOnlineWhileASocketIsOpenOnEitherReplicaAndGoesOfflineWhenTheirReplicaIsKilled() throws Exception {
        long ann = 910_000_000L + System.nanoTime() % 1_000_000;
        long bob = ann + 1;
        Neighbours.befriend(ann, bob);
        try (StreamClient bobOnSecond = StreamClient.withHeader(REPLICAS.second().baseUrl(), TestTokens.forUser(bob))) {
            StreamClient annOnFirst = StreamClient.withHeader(REPLICAS.first().baseUrl(), TestTokens.forUser(ann));
            awaitOnline(REPLICAS.second(), bob, ann, true);
            JsonNode told = bobOnSecond.awaitFirst(told(ann, true), WAIT);
            assertThat(told).isNotNull();
            assertThat(told.path("conversation_id").isNull()).isTrue();

            annOnFirst.close();
            awaitOnline(REPLICAS.second(), bob, ann, false);
            assertThat(presenceOf(REPLICAS.first(), bob, ann).path("last_seen_at").asText()).endsWith(":00Z");

            StreamClient annOnSecond = StreamClient.withHeader(REPLICAS.second().baseUrl(), TestTokens.forUser(ann));
            awaitOnline(REPLICAS.first(), bob, ann, true);
            annOnFirst = StreamClient.withHeader(REPLICAS.first().baseUrl(), TestTokens.forUser(ann));
            awaitSockets(ann, 2);
            annOnSecond.close();
            awaitSockets(ann, 1);
            assertThat(presenceOf(REPLICAS.second(), bob, ann).path("online").asBoolean()).isTrue();

            REPLICAS.first().kill();
            long killed = System.nanoTime();
            awaitOnline(REPLICAS.second(), bob, ann, false, DEAD_REPLICA);
            JsonNode offline = bobOnSecond.awaitFirst(told(ann, false),
                    DEAD_REPLICA.minusNanos(System.nanoTime() - killed));
            assertThat(offline).as("presence.updated offline within a minute of the kill").isNotNull();
            assertThat(offline.path("data").path("last_seen_at").asText()).endsWith(":00Z");
            assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(DEAD_REPLICA);
            assertThat(sockets(ann)).isZero();
            // Told once online and once offline: the changes between fell inside one window and ended as they began.
            assertThat(bobOnSecond.events(StreamClient.ofType("presence.updated")))
                    .extracting(event -> event.path("data").path("online").asBoolean()).containsExactly(true, false);
            annOnFirst.close();
        }
    }

    private static void awaitSockets(long user, long count) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> sockets(user) == count);
    }

    // The sockets recorded for the user, read from the database the replicas share.
    private static long sockets(long user) throws Exception {
        String url = "jdbc:postgresql://" + env("PG_TEST_HOST", "127.0.0.1") + ":" + env("PG_TEST_PORT", "5432")
                + "/parley_test";
        try (Connection db = DriverManager.getConnection(url, env("PG_TEST_USER", "parley_test"),
                env("PG_TEST_PASSWORD", "parley_test"));
                PreparedStatement count = db.prepareStatement(
                        "select count(*) from chat.presence_sockets where user_id = ?")) {
            count.setLong(1, user);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void awaitOnline(ChatProcess via, long viewer, long user, boolean online) {
        awaitOnline(via, viewer, user, online, WAIT);
    }

    private static void awaitOnline(ChatProcess via, long viewer, long user, boolean online, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(200))
                .until(() -> presenceOf(via, viewer, user).path("online").asBoolean() == online);
    }

    private static JsonNode presenceOf(ChatProcess via, long viewer, long user) {
        return given().baseUri(via.baseUrl()).auth().oauth2(TestTokens.forUser(viewer)).queryParam("user_ids", user)
                .get("/v1/presence").then().statusCode(200).extract().as(JsonNode.class).path("items").path(0);
    }

    private static Predicate<JsonNode> told(long user, boolean online) {
        return StreamClient.ofType("presence.updated").and(event -> event.path("data").path("user_id")
                .asLong() == user && event.path("data").path("online").asBoolean() == online);
    }
}
