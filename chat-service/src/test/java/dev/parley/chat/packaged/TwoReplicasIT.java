package dev.parley.chat.packaged;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.http.ContentType;

import dev.parley.chat.support.Neighbours;
import dev.parley.testing.StreamClient;
import dev.parley.testing.TestTokens;

/**
 * Two chat-service processes from the packaged artifact on different ports, one database: a message stored through
 * either reaches the sockets of both, because events travel through PostgreSQL, not through the process that stored
 * them.
 */
class TwoReplicasIT {

    private static ChatProcess first;
    private static ChatProcess second;

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        Neighbours.start();
        first = ChatProcess.start(true);
        second = ChatProcess.start(false);
    }

    @AfterAll
    static void stopThem() throws Exception {
        for (ChatProcess replica : new ChatProcess[]{first, second}) {
            if (replica != null) {
                replica.close();
            }
        }
        Neighbours.stop();
    }

    @Test
    void messagesStoredThroughEitherReplicaReachSocketsOnBoth() throws Exception {
        long ann = 900_000_000L + System.nanoTime() % 1_000_000;
        long bob = ann + 1;
        long cid = ann + 2;
        Neighbours.befriend(ann, bob);
        Neighbours.befriend(ann, cid);
        long group = given().baseUri(first.baseUrl()).auth().oauth2(TestTokens.forUser(ann))
                .contentType(ContentType.JSON)
                .body(Map.of("type", "group", "title", "replicas", "member_ids", List.of(bob, cid)))
                .post("/v1/conversations").then().statusCode(201).extract().jsonPath().getLong("id");

        try (StreamClient annOnFirst = StreamClient.withHeader(first.baseUrl(), TestTokens.forUser(ann));
                StreamClient bobOnSecond = StreamClient.withHeader(second.baseUrl(), TestTokens.forUser(bob));
                StreamClient cidOnFirst = StreamClient.withQueryToken(first.baseUrl(), TestTokens.forUser(cid))) {
            send(first, ann, group, "through the first");
            send(second, bob, group, "through the second");

            for (StreamClient stream : List.of(annOnFirst, bobOnSecond, cidOnFirst)) {
                List<JsonNode> created = stream.drain("message.created", Duration.ofSeconds(3));
                assertThat(created).extracting(e -> e.path("data").path("body").asText())
                        .containsExactly("through the first", "through the second");
                assertThat(created).extracting(e -> e.path("seq").asLong()).containsExactly(1L, 2L);
            }
        }
    }

    private static void send(ChatProcess replica, long user, long conversation, String body) {
        given().baseUri(replica.baseUrl()).auth().oauth2(TestTokens.forUser(user)).contentType(ContentType.JSON)
                .body(Map.of("body", body, "client_message_id", body))
                .post("/v1/conversations/" + conversation + "/messages").then().statusCode(201);
    }
}
