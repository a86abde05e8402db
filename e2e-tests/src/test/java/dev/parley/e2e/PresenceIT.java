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
 * Presence and typing through :8080 with the real services: a friend sees who is online and who types, a stranger
 * sees nothing, and hiding one's presence on account-service reaches chat-service through the account feed.
 */
@EndToEnd
class PresenceIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void friendsSeeEachOtherOnlineAndTypingStrangersSeeNothingAndHidingReachesChat() throws Exception {
        List<User> users = Users.verifiedUsers("ann", "bob", "eve");
        User ann = users.get(0);
        User bob = users.get(1);
        User eve = users.get(2);
        Social.befriend(ann, bob);
        long direct = Social.direct(ann, bob);

        try (StreamClient annStream = FrontDoor.stream(ann); StreamClient bobStream = FrontDoor.stream(bob)) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(presenceOf(ann, bob).getBoolean("items[0].online"))
                    .isTrue());
            assertThat(presenceOf(eve, bob).getList("items")).containsExactly((Object) null);

            bobStream.send("{\"type\": \"typing\", \"conversation_id\": " + direct + "}");
            JsonNode typing = annStream.next("typing", WAIT);
            assertThat(typing.path("conversation_id").asLong()).isEqualTo(direct);
            assertThat(typing.path("data").path("user_id").asLong()).isEqualTo(bob.id());

            bob.request().body(Map.of("presence_visible", false)).patch("/v1/users/me").then().statusCode(200);
            await().atMost(WAIT).untilAsserted(() -> {
                JsonPath seen = presenceOf(ann, bob);
                assertThat(seen.getBoolean("items[0].online")).isFalse();
                assertThat(seen.getString("items[0].last_seen_at")).isNull();
            });
            assertThat(presenceOf(bob, ann).getList("items")).as("a hidden user sees nobody").containsExactly(
                    (Object) null);
        }
    }

    private static JsonPath presenceOf(User viewer, User viewed) {
        return viewer.request().get("/v1/presence?user_ids=" + viewed.id()).then().statusCode(200).extract()
                .jsonPath();
    }
}
