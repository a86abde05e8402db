package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.path.json.JsonPath;

import dev.parley.e2e.support.EndToEnd;
import dev.parley.e2e.support.FrontDoor;
import dev.parley.e2e.support.Social;
import dev.parley.e2e.support.User;
import dev.parley.e2e.support.Users;
import dev.parley.testing.StreamClient;

/**
 * Replies, mentions, reactions, pins and receipts through :8080 with the real services; turning read receipts off on
 * account-service reaches chat-service through the account feed.
 */
@EndToEnd
class RichMessagingIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aGroupRepliesMentionsReactsPinsAndSeesReceiptsUntilOneTurnsThemOff() throws Exception {
        List<User> users = Users.verifiedUsers("ann", "bob", "cid");
        User ann = users.get(0);
        User bob = users.get(1);
        User cid = users.get(2);
        Social.befriend(ann, bob);
        Social.befriend(ann, cid);
        long group = Social.group(ann, "Trip", bob, cid);
        String messages = "/v1/conversations/" + group + "/messages";

        try (StreamClient annStream = FrontDoor.stream(ann)) {
            long plan = ann.request().body(Map.of("body", "東京で会いましょう", "mentions", List.of(bob.id())))
                    .post(messages).then().statusCode(201).extract().jsonPath().getLong("id");
            assertThat(mentionsOf(bob, group)).isEqualTo(1L);
            // Sending reads everything before one's own message, mentions included.
            JsonPath reply = bob.request().body(Map.of("body", "Yes!", "reply_to", plan)).post(messages).then()
                    .statusCode(201).extract().jsonPath();
            assertThat(reply.getString("reply_to.snippet")).isEqualTo("東京で会いましょう");

            cid.request().put(messages + "/" + plan + "/reactions/{emoji}", "🎉").then().statusCode(204);
            JsonNode reacted = annStream.next("reaction.added", WAIT);
            assertThat(reacted.path("data").path("emoji").asText()).isEqualTo("🎉");
            ann.request().put("/v1/conversations/" + group + "/pins/" + plan).then().statusCode(204);
            assertThat(annStream.next("pin.added", WAIT).path("data").path("message_id").asLong()).isEqualTo(plan);

            JsonPath history = ann.request().get(messages).then().statusCode(200).extract().jsonPath();
            assertThat(history.getList("items.id", Long.class)).containsExactly(reply.getLong("id"), plan);
            assertThat(history.getString("items[1].reactions[0].emoji")).isEqualTo("🎉");
            assertThat(history.getLong("items[1].reactions[0].count")).isEqualTo(1L);
            assertThat(mentionsOf(bob, group)).isZero();

            cid.request().body(Map.of("seq", 2)).post("/v1/conversations/" + group + "/read").then().statusCode(204);
            JsonNode receipt = annStream.awaitFirst(StreamClient.ofType("receipt.updated")
                    .and(event -> event.path("data").path("user_id").asLong() == cid.id()), WAIT);
            assertThat(receipt.path("data").path("last_read_seq").asLong()).isEqualTo(2L);
        }

        bob.request().body(Map.of("read_receipts", false)).patch("/v1/users/me").then().statusCode(200);
        await().atMost(WAIT).untilAsserted(() -> assertThat(receiptsOf(ann, group)
                .getString("items.find { it.user_id == " + bob.id() + " }.last_read_seq")).isNull());
        assertThat(receiptsOf(bob, group).getString("items.find { it.user_id == " + ann.id() + " }.last_read_seq"))
                .as("who hides their receipts sees nobody's").isNull();
    }

    private static long mentionsOf(User user, long conversation) {
        return user.request().get("/v1/conversations/" + conversation).then().statusCode(200).extract().jsonPath()
                .getLong("unread_mention_count");
    }

    private static JsonPath receiptsOf(User user, long conversation) {
        return user.request().get("/v1/conversations/" + conversation + "/receipts").then().statusCode(200)
                .extract().jsonPath();
    }
}
