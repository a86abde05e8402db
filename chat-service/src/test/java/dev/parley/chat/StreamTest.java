package dev.parley.chat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import dev.parley.chat.support.Chat;
import dev.parley.testing.StreamClient;
import dev.parley.testing.TestTokens;

@QuarkusTest
class StreamTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    static String base() {
        return "http://localhost:" + RestAssured.port;
    }

    @Test
    void everyMemberReceivesEveryMessageOnceInSeqOrder() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat cid = Chat.newUser().befriend(ann);
        long group = ann.group("live", bob, cid);
        try (StreamClient bobStream = StreamClient.withHeader(base(), bob.token());
                StreamClient cidStream = StreamClient.withQueryToken(base(), cid.token())) {
            for (int i = 1; i <= 10; i++) {
                (i % 2 == 0 ? ann : bob).sent(group, "message " + i);
            }
            for (StreamClient stream : List.of(bobStream, cidStream)) {
                List<JsonNode> created = stream.drain("message.created", Duration.ofSeconds(2));
                assertThat(created).extracting(e -> e.path("seq").asLong())
                        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
                assertThat(created.get(0).path("conversation_id").asLong()).isEqualTo(group);
                assertThat(created.get(0).path("data").path("body").asText()).isEqualTo("message 1");
            }
        }
    }

    @Test
    void editsDeletesReadsAndMembershipChangesAreAnnounced() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat cid = Chat.newUser().befriend(ann);
        long group = ann.group("events", bob);
        try (StreamClient bobStream = StreamClient.withHeader(base(), bob.token());
                StreamClient cidStream = StreamClient.withHeader(base(), cid.token())) {
            long id = ann.send(group, "draft").then().extract().jsonPath().getLong("id");
            ann.request().body(Map.of("body", "final")).patch("/v1/conversations/" + group + "/messages/" + id);
            ann.request().delete("/v1/conversations/" + group + "/messages/" + id);
            ann.request().body(Map.of("title", "renamed")).patch("/v1/conversations/" + group);
            bob.request().body(Map.of("seq", 1)).post("/v1/conversations/" + group + "/read");
            ann.request().body(Map.of("user_id", cid.id())).post("/v1/conversations/" + group + "/members");
            ann.request().delete("/v1/conversations/" + group + "/members/" + bob.id());

            assertThat(bobStream.next("message.updated", WAIT).path("data").path("body").asText())
                    .isEqualTo("final");
            assertThat(bobStream.next("message.deleted", WAIT).path("data").path("deleted").asBoolean()).isTrue();
            assertThat(bobStream.next("conversation.updated", WAIT).path("data").path("title").asText())
                    .isEqualTo("renamed");
            JsonNode read = bobStream.next("read.updated", WAIT);
            assertThat(read.path("data").path("user_id").asLong()).isEqualTo(bob.id());
            assertThat(read.path("data").path("last_read_seq").asLong()).isEqualTo(1L);
            assertThat(bobStream.next("member.added", WAIT).path("data").path("user_id").asLong())
                    .isEqualTo(cid.id());
            assertThat(cidStream.next("member.added", WAIT)).isNotNull();
            assertThat(bobStream.next("member.removed", WAIT).path("data").path("user_id").asLong())
                    .isEqualTo(bob.id());
        }
    }

    @Test
    void newConversationsAreAnnouncedToTheirMembers() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        try (StreamClient bobStream = StreamClient.withHeader(base(), bob.token())) {
            long direct = ann.directWith(bob);
            JsonNode event = bobStream.next("conversation.created", WAIT);
            assertThat(event.path("conversation_id").asLong()).isEqualTo(direct);
            assertThat(event.path("data").path("type").asText()).isEqualTo("direct");
        }
    }

    @Test
    void aLargeMessageStillArrivesWhole() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        String big = "\u00e9\u4e2d".repeat(2000);
        try (StreamClient bobStream = StreamClient.withHeader(base(), bob.token())) {
            ann.sent(direct, big);
            assertThat(bobStream.next("message.created", WAIT).path("data").path("body").asText())
                    .isEqualTo(big);
        }
    }

    @Test
    void messagesSentWhileDisconnectedAreRecoveredWithAfterSeq() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        long lastSeen;
        try (StreamClient bobStream = StreamClient.withHeader(base(), bob.token())) {
            ann.sent(direct, "one");
            lastSeen = bobStream.next("message.created", WAIT).path("seq").asLong();
        }
        ann.sent(direct, "two");
        ann.sent(direct, "three");
        bob.request().queryParam("after_seq", lastSeen).get("/v1/conversations/" + direct + "/messages")
                .then().statusCode(200).body("items.body", contains("two", "three"));
    }

    @Test
    void badTokensAreRefusedBeforeTheUpgrade() {
        Chat ann = Chat.newUser();
        for (String token : List.of(TestTokens.expiredForUser(ann.id()), TestTokens.forgedForUser(ann.id()),
                "garbage")) {
            assertRefused(() -> StreamClient.withHeader(base(), token));
            assertRefused(() -> StreamClient.withQueryToken(base(), token));
        }
        assertRefused(() -> StreamClient.withHeader(base(), null));
        given().get("/v1/stream").then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .body("error.message", equalTo("Authentication required"));
        given().auth().oauth2(TestTokens.expiredForUser(ann.id())).header("Upgrade", "websocket").get("/v1/stream")
                .then().statusCode(401).body("error.message", equalTo("Invalid or expired access token"));
    }

    @Test
    void aSocketIsClosedWithPolicyViolationWhenItsTokenExpires() {
        Chat ann = Chat.newUser();
        try (StreamClient stream = StreamClient.withHeader(base(), TestTokens.expiringIn(ann.id(), 2))) {
            assertThat(stream.isOpen()).isTrue();
            assertThat(stream.awaitClose(Duration.ofSeconds(10))).isEqualTo("1008 Access token expired");
        }
    }

    @Test
    void whatAClientSendsIsIgnoredAndTheSocketStaysOpen() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        try (StreamClient stream = StreamClient.withHeader(base(), bob.token())) {
            stream.send("not json at all");
            stream.send("{\"type\": \"unknown\"}");
            ann.sent(direct, "still here");
            assertThat(stream.next("message.created", Duration.ofSeconds(5)).path("data").path("body").asText())
                    .isEqualTo("still here");
            assertThat(stream.isOpen()).isTrue();
        }
    }

    @Test
    void connectionsAreCountedInMetrics() {
        Chat ann = Chat.newUser();
        try (StreamClient stream = StreamClient.withHeader(base(), ann.token())) {
            String metrics = given().accept("text/plain").get("/q/metrics").then().extract().asString();
            assertThat(metrics).containsPattern("parley_ws_connections(\\{[^}]*})? [1-9]");
            assertThat(stream.isOpen()).isTrue();
        }
    }

    private static void assertRefused(java.util.function.Supplier<StreamClient> connect) {
        try (StreamClient ignored = connect.get()) {
            throw new AssertionError("the stream accepted a bad token");
        } catch (CompletionException expected) {
            assertThat(expected.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            assertThat(((WebSocketHandshakeException) expected.getCause()).getResponse().statusCode()).isEqualTo(401);
        }
    }
}
