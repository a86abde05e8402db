package dev.parley.chat.packaged;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;

import dev.parley.chat.support.Answer;
import dev.parley.chat.support.FcmStandIn;
import dev.parley.chat.support.Neighbours;
import dev.parley.chat.support.RecordedRequest;
import dev.parley.testing.TestTokens;

/**
 * A chat-service killed with {@code kill -9} while a provider holds its push loses no push: the next replica sends
 * what was waiting, and the one in flight again under the same id, and nothing else twice.
 */
class PushCrashIT {

    private static FcmStandIn fcm;

    @BeforeAll
    static void start() {
        Neighbours.start();
        fcm = FcmStandIn.start();
    }

    @AfterAll
    static void stop() {
        fcm.close();
        Neighbours.stop();
    }

    @Test
    void aReplicaKilledMidDeliveryLosesNoPushAndRepeatsOnlyTheOneInFlight() throws Exception {
        long ann = 940_000_000L + System.nanoTime() % 1_000_000;
        long bob = ann + 1;
        String token = "fcm:" + UUID.randomUUID() + "-" + "k".repeat(100);
        fcm.then(Answer.hang());

        try (ChatProcess victim = ChatProcess.start(true, settings())) {
            Neighbours.befriend(ann, bob);
            long direct = as(victim, ann).body(Map.of("type", "direct", "user_id", bob)).post("/v1/conversations")
                    .then().statusCode(201).extract().jsonPath().getLong("id");
            as(victim, bob).body(Map.of("platform", "fcm", "token", token)).put("/v1/devices/phone")
                    .then().statusCode(201);
            for (String body : List.of("one", "two", "three")) {
                as(victim, ann).body(Map.of("body", body, "client_message_id", UUID.randomUUID().toString()))
                        .post("/v1/conversations/" + direct + "/messages").then().statusCode(201);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> sendsTo(token).size() == 1);
            victim.kill();
        }
        JsonObject inFlight = data(sendsTo(token).get(0));

        try (ChatProcess next = ChatProcess.start(false, settings())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> sendsTo(token).size() >= 4);
            Thread.sleep(2000);
        }
        List<JsonObject> received = sendsTo(token).stream().map(PushCrashIT::data).toList();
        assertThat(received).as("three pushes, and the one in flight once more").hasSize(4);
        assertThat(received).extracting(push -> push.getString("body")).containsOnly("one", "two", "three")
                .contains("one", "two", "three");
        assertThat(received.stream().filter(push -> push.getString("push_id").equals(inFlight.getString("push_id"))))
                .as("the push in flight, sent again under its id").hasSize(2);
        assertThat(received.stream().map(push -> push.getString("push_id")).distinct()).hasSize(3);
    }

    private static Map<String, String> settings() {
        return Map.of("PARLEY_PUSH_FCM_URL", fcm.url(), "PARLEY_PUSH_FCM_SERVICE_ACCOUNT", fcm.serviceAccount(),
                "PARLEY_PUSH_CONCURRENCY", "1", "PARLEY_PUSH_LEASE", "5s", "PARLEY_PUSH_REQUEST_TIMEOUT", "60s");
    }

    private static List<RecordedRequest> sendsTo(String token) {
        return fcm.sends().stream()
                .filter(request -> token.equals(request.json().getJsonObject("message").getString("token"))).toList();
    }

    private static JsonObject data(RecordedRequest request) {
        return request.json().getJsonObject("message").getJsonObject("data");
    }

    private static RequestSpecification as(ChatProcess replica, long user) {
        return given().baseUri(replica.baseUrl()).auth().oauth2(TestTokens.forUser(user))
                .contentType(ContentType.JSON);
    }
}
