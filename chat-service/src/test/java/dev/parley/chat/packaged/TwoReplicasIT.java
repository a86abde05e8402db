package dev.parley.chat.packaged;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

import dev.parley.chat.support.Neighbours;
import dev.parley.testing.StreamClient;
import dev.parley.testing.TestTokens;

/**
 * Two chat-service processes from the packaged artifact on different ports, one database: a message stored through
 * either reaches the sockets of both, and a third one killed while it stores messages leaves nothing it acknowledged
 * undelivered on the others (its stream log is read back by their reconciliation).
 */
class TwoReplicasIT {

    @RegisterExtension
    static final TwoReplicas REPLICAS = new TwoReplicas();

    @Test
    void messagesStoredThroughEitherReplicaReachSocketsOnBoth() throws Exception {
        long ann = 900_000_000L + System.nanoTime() % 1_000_000;
        long bob = ann + 1;
        long cid = ann + 2;
        Neighbours.befriend(ann, bob);
        Neighbours.befriend(ann, cid);
        long group = given().baseUri(REPLICAS.first().baseUrl()).auth().oauth2(TestTokens.forUser(ann))
                .contentType(ContentType.JSON)
                .body(Map.of("type", "group", "title", "replicas", "member_ids", List.of(bob, cid)))
                .post("/v1/conversations").then().statusCode(201).extract().jsonPath().getLong("id");

        try (StreamClient annOnFirst = StreamClient.withHeader(REPLICAS.first().baseUrl(), TestTokens.forUser(ann));
                StreamClient bobOnSecond = StreamClient.withHeader(REPLICAS.second().baseUrl(),
                        TestTokens.forUser(bob));
                StreamClient cidOnFirst = StreamClient.withQueryToken(REPLICAS.first().baseUrl(),
                        TestTokens.forUser(cid))) {
            send(REPLICAS.first(), ann, group, "through the first");
            send(REPLICAS.second(), bob, group, "through the second");

            for (StreamClient stream : List.of(annOnFirst, bobOnSecond, cidOnFirst)) {
                List<JsonNode> created = stream.drain("message.created", Duration.ofSeconds(3));
                assertThat(created).extracting(e -> e.path("data").path("body").asText())
                        .containsExactly("through the first", "through the second");
                assertThat(created).extracting(e -> e.path("seq").asLong()).containsExactly(1L, 2L);
            }
        }
    }

    @Test
    void socketsOnTheSurvivingReplicaReceiveEverythingTheKilledOneAcknowledged() throws Exception {
        long ann = 920_000_000L + System.nanoTime() % 1_000_000;
        long bob = ann + 1;
        Neighbours.befriend(ann, bob);
        long group = given().baseUri(REPLICAS.second().baseUrl()).auth().oauth2(TestTokens.forUser(ann))
                .contentType(ContentType.JSON)
                .body(Map.of("type", "group", "title", "crash", "member_ids", List.of(bob)))
                .post("/v1/conversations").then().statusCode(201).extract().jsonPath().getLong("id");
        ChatProcess victim = ChatProcess.start(false);
        List<Long> acknowledged = new ArrayList<>();
        try (StreamClient bobOnSecond = StreamClient.withHeader(REPLICAS.second().baseUrl(), TestTokens.forUser(bob))) {
            ExecutorService senders = Executors.newFixedThreadPool(4);
            List<Future<List<Long>>> sending = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                int sender = s;
                sending.add(senders.submit(() -> sendUntilRefused(victim, ann, group, "sender " + sender)));
            }
            Thread.sleep(1500);
            victim.kill();
            for (Future<List<Long>> sent : sending) {
                acknowledged.addAll(sent.get(30, TimeUnit.SECONDS));
            }
            senders.shutdown();

            assertThat(acknowledged).as("the killed replica acknowledged sends before it died").isNotEmpty();
            long last = acknowledged.stream().mapToLong(Long::longValue).max().orElseThrow();
            List<JsonNode> created = bobOnSecond.await(event -> event.path("type").asText().equals("message.created")
                    && event.path("seq").asLong() == last, 1, Duration.ofSeconds(10));
            assertThat(created).hasSize(1);
            List<Long> seqs = bobOnSecond.created(group).stream().map(event -> event.path("seq").asLong()).toList();
            assertThat(seqs).as("every seq up to the last acknowledged one, once, in order")
                    .startsWith(LongStream.rangeClosed(1, last).boxed().toArray(Long[]::new));
            assertThat(seqs).doesNotHaveDuplicates();
            assertThat(seqs).containsAll(acknowledged);
        } finally {
            victim.close();
        }
    }

    // Sends until the replica stops answering (waiting out the send allowance); answers the seqs it acknowledged.
    private static List<Long> sendUntilRefused(ChatProcess replica, long user, long conversation, String prefix)
            throws InterruptedException {
        List<Long> seqs = new ArrayList<>();
        for (int n = 0; n < 100_000; n++) {
            try {
                Response answer = given().baseUri(replica.baseUrl()).auth().oauth2(TestTokens.forUser(user))
                        .contentType(ContentType.JSON).body(Map.of("body", prefix + " " + n))
                        .post("/v1/conversations/" + conversation + "/messages");
                if (answer.statusCode() == 429) {
                    Thread.sleep(50);
                    continue;
                }
                if (answer.statusCode() != 201) {
                    return seqs;
                }
                seqs.add(answer.jsonPath().getLong("seq"));
            } catch (Exception connectionLost) {
                return seqs;
            }
        }
        return seqs;
    }

    private static void send(ChatProcess replica, long user, long conversation, String body) {
        given().baseUri(replica.baseUrl()).auth().oauth2(TestTokens.forUser(user)).contentType(ContentType.JSON)
                .body(Map.of("body", body, "client_message_id", body))
                .post("/v1/conversations/" + conversation + "/messages").then().statusCode(201);
    }
}
