package dev.parley.e2e;

import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.e2e.support.EndToEnd;
import dev.parley.e2e.support.Social;
import dev.parley.e2e.support.User;
import dev.parley.e2e.support.Users;

/**
 * chat-service decides who may message whom from its own copy of friendship-service's friendships and blocks, and a
 * block reaches that copy within a second of its answer.
 */
@EndToEnd
class ChatRelationshipsIT {

    private static final Duration BLOCK_TAKES_EFFECT_WITHIN = Duration.ofSeconds(1);
    private static final Duration KEEP_SENDING_FOR = Duration.ofSeconds(2);

    private record Attempt(long startedAt, int status) {
    }

    @Test
    void noSendIsAcceptedMoreThanOneSecondAfterTheBlockWasAnswered() {
        List<User> users = Users.verifiedUsers("ann", "bob");
        User ann = users.get(0);
        User bob = users.get(1);
        Social.befriend(ann, bob);
        long direct = Social.direct(ann, bob);
        Social.sent(ann, direct, "before the block");

        bob.request().body(Map.of("user_id", ann.id())).post("/v1/blocks").then().statusCode(201);
        long answered = System.nanoTime();
        List<Attempt> attempts = new ArrayList<>();
        for (int i = 0; System.nanoTime() - answered < KEEP_SENDING_FOR.toNanos(); i++) {
            long started = System.nanoTime();
            attempts.add(new Attempt(started, Social.send(ann, direct, "after " + i, "after-" + i).statusCode()));
            sleep(Duration.ofMillis(60));
        }

        assertThat(attempts).extracting(Attempt::status).isSubsetOf(201, 403).contains(403);
        assertThat(attempts).filteredOn(attempt -> attempt.status() == 201)
                .allSatisfy(accepted -> assertThat(Duration.ofNanos(accepted.startedAt() - answered))
                        .isLessThanOrEqualTo(BLOCK_TAKES_EFFECT_WITHIN));
        Attempt last = attempts.getLast();
        assertThat(last.status()).isEqualTo(403);
    }

    @Test
    void aBlockedUserCannotEditInTheDirectConversationButMayDeleteTheirOwnMessages() {
        List<User> users = Users.verifiedUsers("ann", "bob");
        User ann = users.get(0);
        User bob = users.get(1);
        Social.befriend(ann, bob);
        long direct = Social.direct(ann, bob);
        long first = Social.sent(ann, direct, "first").getLong("id");
        long second = Social.sent(ann, direct, "second").getLong("id");

        bob.request().body(Map.of("user_id", ann.id())).post("/v1/blocks").then().statusCode(201);

        // Opening the conversation again changes nothing, so it tells when the block has reached chat-service.
        await().atMost(BLOCK_TAKES_EFFECT_WITHIN).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> ann
                .request().body(Map.of("type", "direct", "user_id", bob.id())).post("/v1/conversations")
                .then().spec(error(403, "You can only message friends")));
        ann.request().body(Map.of("body", "edited after the block"))
                .patch("/v1/conversations/" + direct + "/messages/" + first)
                .then().spec(error(403, "You can only message friends"));
        ann.request().delete("/v1/conversations/" + direct + "/messages/" + second).then().statusCode(204);
        bob.request().get("/v1/conversations/" + direct + "/messages").then().statusCode(200)
                .body("items.find { it.id == " + first + " }.body", equalTo("first"))
                .body("items.find { it.id == " + second + " }.deleted", equalTo(true));
    }

    @Test
    void neitherSideOfABlockCanAddTheOtherButGroupMembersWhoBlockEachOtherBothStay() {
        List<User> users = Users.verifiedUsers("ann", "bob", "cid");
        User ann = users.get(0);
        User bob = users.get(1);
        User cid = users.get(2);
        Social.befriend(ann, bob);
        Social.befriend(ann, cid);
        Social.befriend(bob, cid);
        long shared = Social.group(cid, "cid's group", ann, bob);
        long annsGroup = Social.group(ann, "ann's group", cid);
        long bobsGroup = Social.group(bob, "bob's group", cid);

        bob.request().body(Map.of("user_id", ann.id())).post("/v1/blocks").then().statusCode(201);

        await().atMost(BLOCK_TAKES_EFFECT_WITHIN).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> ann
                .request().body(Map.of("type", "direct", "user_id", bob.id())).post("/v1/conversations")
                .then().spec(error(403, "You can only message friends")));
        ann.request().body(Map.of("user_id", bob.id())).post("/v1/conversations/" + annsGroup + "/members")
                .then().spec(error(403, "You can only message friends"));
        bob.request().body(Map.of("user_id", ann.id())).post("/v1/conversations/" + bobsGroup + "/members")
                .then().spec(error(403, "You can only message friends"));
        Social.sent(ann, shared, "still here");
        Social.sent(bob, shared, "me too");
        cid.request().get("/v1/conversations/" + shared).then().statusCode(200)
                .body("members.user_id", hasItems((int) ann.id(), (int) bob.id()));
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
