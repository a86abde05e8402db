package dev.parley.chat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import dev.parley.chat.support.Chat;
import dev.parley.testing.StreamClient;

/** Typing: sent over the socket, never stored, rate-limited per user and conversation, only within a conversation. */
@QuarkusTest
class TypingTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void typingReachesTheOtherMembersButNotTheTypist() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat cid = Chat.newUser().befriend(ann);
        long group = ann.group("typing", bob, cid);
        try (StreamClient annStream = StreamClient.withHeader(base(), ann.token());
                StreamClient bobStream = StreamClient.withHeader(base(), bob.token());
                StreamClient cidStream = StreamClient.withHeader(base(), cid.token())) {
            annStream.send("{\"type\": \"typing\", \"conversation_id\": " + group + "}");

            for (StreamClient stream : new StreamClient[]{bobStream, cidStream}) {
                JsonNode typing = stream.next("typing", WAIT);
                assertThat(typing.path("conversation_id").asLong()).isEqualTo(group);
                assertThat(typing.has("seq")).isTrue();
                assertThat(typing.path("seq").isNull()).isTrue();
                assertThat(typing.path("data").path("user_id").asLong()).isEqualTo(ann.id());
                assertThat(typing.path("data").path("expires_in_ms").asLong()).isEqualTo(6000L);
            }
            Thread.sleep(500);
            assertThat(annStream.events(StreamClient.ofType("typing"))).isEmpty();
        }
    }

    @Test
    void atMostOneTypingEventPerUserAndConversationEveryThreeSecondsIsForwarded() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        long group = ann.group("another", bob);
        try (StreamClient annStream = StreamClient.withHeader(base(), ann.token());
                StreamClient bobStream = StreamClient.withHeader(base(), bob.token())) {
            double dropped = ignored("too-often");
            for (int i = 0; i < 5; i++) {
                annStream.send("{\"type\": \"typing\", \"conversation_id\": " + direct + "}");
            }
            annStream.send("{\"type\": \"typing\", \"conversation_id\": " + group + "}");

            assertThat(bobStream.await(StreamClient.ofType("typing"), 2, WAIT))
                    .extracting(event -> event.path("conversation_id").asLong())
                    .containsExactlyInAnyOrder(direct, group);
            Thread.sleep(1000);
            assertThat(bobStream.events(StreamClient.ofType("typing"))).hasSize(2);
            assertThat(ignored("too-often")).isEqualTo(dropped + 4);
        }
    }

    @Test
    void typingInAConversationTheUserIsNotInGoesNowhereAndIsCounted() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat eve = Chat.newUser();
        long direct = ann.directWith(bob);
        try (StreamClient eveStream = StreamClient.withHeader(base(), eve.token());
                StreamClient bobStream = StreamClient.withHeader(base(), bob.token())) {
            double before = ignored("not-a-member");
            eveStream.send("{\"type\": \"typing\", \"conversation_id\": " + direct + "}");
            eveStream.send("{\"type\": \"typing\", \"conversation_id\": \"12\"}");

            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> ignored("not-a-member") >= before + 2);
            assertThat(bobStream.events(StreamClient.ofType("typing"))).isEmpty();
            assertThat(eveStream.isOpen()).isTrue();
        }
    }

    @Test
    void framesThatAreNotJsonOrOfAnotherTypeAreCountedAndTheSocketStaysOpen() throws Exception {
        Chat ann = Chat.newUser();
        try (StreamClient stream = StreamClient.withHeader(base(), ann.token())) {
            double notJson = ignored("not-json");
            double unknown = ignored("unknown-type");
            stream.send("typing in conversation 1");
            stream.send("{\"type\": \"wave\"}");

            org.awaitility.Awaitility.await().atMost(WAIT)
                    .until(() -> ignored("not-json") == notJson + 1 && ignored("unknown-type") == unknown + 1);
            assertThat(stream.isOpen()).isTrue();
        }
    }

    private static double ignored(String reason) {
        String metrics = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("parley_stream_ignored_total{")
                && line.contains("reason=\"" + reason + "\"")).mapToDouble(line -> Double.parseDouble(
                        line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port;
    }
}
