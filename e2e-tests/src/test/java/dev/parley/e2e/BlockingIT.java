package dev.parley.e2e;

import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.e2e.support.Database;
import dev.parley.e2e.support.EndToEnd;
import dev.parley.e2e.support.Product.Service;
import dev.parley.e2e.support.Social;
import dev.parley.e2e.support.User;
import dev.parley.e2e.support.Users;

/** A block is kept by friendship-service and honoured by chat-service, which learns of it from its events. */
@EndToEnd
class BlockingIT {

    @Test
    void aBlockEndsTheFriendshipAndNeitherSideCanMessageTheOtherAnyMore() {
        List<User> users = Users.verifiedUsers("ann", "bob");
        User ann = users.get(0);
        User bob = users.get(1);
        Social.befriend(ann, bob);
        long direct = Social.direct(ann, bob);
        Social.sent(ann, direct, "before the block");
        Social.sent(bob, direct, "a reply before the block");

        bob.request().body(Map.of("user_id", ann.id())).post("/v1/blocks")
                .then().statusCode(201).body("user_id", equalTo((int) ann.id()));

        // friendship-service: the friendship is gone, and the block is only visible to the one who blocked.
        bob.request().get("/v1/friendships/" + ann.id()).then().statusCode(200).body("status", equalTo("blocked"));
        ann.request().get("/v1/friendships/" + bob.id()).then().statusCode(200).body("status", equalTo("none"));
        ann.request().get("/v1/friendships").then().statusCode(200).body("items", empty());
        bob.request().get("/v1/friendships").then().statusCode(200).body("items", empty());
        bob.request().get("/v1/blocks").then().statusCode(200).body("items.user_id", contains((int) ann.id()));
        ann.request().body(Map.of("user_id", bob.id())).post("/v1/friendships/requests")
                .then().spec(error(404, "User " + bob.id() + " not found"));
        assertThat(Database.number(Service.FRIENDSHIP, "select count(*) from friendship.friendships "
                + "where user_low = least(?, ?) and user_high = greatest(?, ?)", ann.id(), bob.id(), ann.id(),
                bob.id())).isZero();

        // chat-service learns of the block from friendship-service's events within a second; from then on neither
        // can send in their conversation or open a new one, and what was said stays readable.
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> ann.request()
                .body(Map.of("type", "direct", "user_id", bob.id())).post("/v1/conversations")
                .then().spec(error(403, "You can only message friends")));
        Social.send(ann, direct, "after the block", "ann-after").then()
                .spec(error(403, "You can only message friends"));
        Social.send(bob, direct, "after the block", "bob-after").then()
                .spec(error(403, "You can only message friends"));
        ann.request().body(Map.of("type", "direct", "user_id", bob.id())).post("/v1/conversations")
                .then().spec(error(403, "You can only message friends"));
        ann.request().get("/v1/conversations/" + direct + "/messages").then().statusCode(200)
                .body("items.body", contains("a reply before the block", "before the block"));
        assertThat(Database.number(Service.CHAT, "select count(*) from chat.messages where conversation_id = ?",
                direct)).isEqualTo(2);

        // Lifting the block does not bring the friendship back: still no messages until they are friends again.
        bob.request().delete("/v1/blocks/" + ann.id()).then().statusCode(204);
        Social.send(ann, direct, "after the unblock", "ann-unblocked")
                .then().spec(error(403, "You can only message friends"));
        Social.befriend(ann, bob);
        Social.send(ann, direct, "friends again", "ann-friends-again").then().statusCode(201)
                .body("seq", equalTo(3));
    }
}
