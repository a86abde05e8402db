package dev.parley.e2e;

import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.e2e.support.Database;
import dev.parley.e2e.support.EndToEnd;
import dev.parley.e2e.support.FrontDoor;
import dev.parley.e2e.support.Product.Service;
import dev.parley.e2e.support.Social;
import dev.parley.e2e.support.User;
import dev.parley.e2e.support.Users;

/**
 * Deleting an account erases the person everywhere within ten seconds: their relationships, their seats in
 * conversations (groups they owned pass on, empty ones go), the words they wrote (tombstones keep everyone's seqs),
 * and their email and username, which are free again.
 */
@EndToEnd
class AccountErasureIT {

    private static final Duration ACROSS_SERVICES_WITHIN = Duration.ofSeconds(10);

    @Test
    void aDeletedAccountIsErasedFromEveryServiceAndItsNamesAreFreeAgain() {
        List<User> users = Users.verifiedUsers("ann", "bob", "cid", "dan");
        User ann = users.get(0);
        User bob = users.get(1);
        User cid = users.get(2);
        User dan = users.get(3);
        Social.befriend(ann, bob);
        Social.befriend(ann, cid);
        Social.befriend(bob, cid);
        dan.request().body(Map.of("user_id", ann.id())).post("/v1/friendships/requests").then().statusCode(201);
        ann.request().body(Map.of("user_id", dan.id())).post("/v1/blocks").then().statusCode(201);
        long direct = Social.direct(ann, bob);
        Social.sent(ann, direct, "hello bob");
        Social.sent(bob, direct, "hello ann");
        long owned = Social.group(ann, "ann's group", bob, cid);
        Social.sent(ann, owned, "welcome");
        long alone = Social.group(ann, "ann alone", bob);
        bob.request().delete("/v1/conversations/" + alone + "/members/" + bob.id()).then().statusCode(204);

        ann.request().body(Map.of("password", "not the password")).delete("/v1/accounts/me")
                .then().spec(error(403, "Invalid password"));
        ann.request().body(Map.of("password", Users.PASSWORD)).delete("/v1/accounts/me").then().statusCode(204);

        await().atMost(ACROSS_SERVICES_WITHIN).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(Database.number(Service.FRIENDSHIP, "select count(*) from friendship.friendships "
                    + "where requester_id = ? or addressee_id = ?", ann.id(), ann.id())).isZero();
            assertThat(Database.number(Service.FRIENDSHIP, "select count(*) from friendship.blocks "
                    + "where blocker_id = ? or blocked_id = ?", ann.id(), ann.id())).isZero();
            assertThat(Database.number(Service.CHAT, "select count(*) from chat.members where user_id = ?",
                    ann.id())).isZero();
            assertThat(Database.number(Service.CHAT, "select count(*) from chat.messages "
                    + "where sender_id = ? and (body is not null or deleted_at is null)", ann.id())).isZero();
        });

        // Friends and requests: gone for the others too.
        bob.request().get("/v1/friendships").then().statusCode(200).body("items.user_id", contains((int) cid.id()));
        dan.request().queryParam("direction", "outgoing").get("/v1/friendships/requests").then().statusCode(200)
                .body("items.addressee_id", everyItem(not(equalTo((int) ann.id()))));
        bob.request().get("/v1/users/" + ann.id()).then().spec(error(404, "User " + ann.id() + " not found"));

        // Conversations: the group passed to its longest-standing member, the empty group is gone, history keeps
        // its seqs with ann's words erased.
        bob.request().get("/v1/conversations/" + owned).then().statusCode(200)
                .body("members.find { it.user_id == " + bob.id() + " }.role", equalTo("owner"))
                .body("members.user_id", not(hasItem((int) ann.id())));
        assertThat(Database.number(Service.CHAT, "select count(*) from chat.conversations where id = ?", alone))
                .isZero();
        bob.request().get("/v1/conversations/" + direct + "/messages").then().statusCode(200)
                .body("items.seq", contains(2, 1)).body("items.deleted", contains(false, true))
                .body("items[1].body", equalTo(null));
        Social.send(bob, direct, "are you there?", "bob-to-nobody").then()
                .spec(error(403, "This account no longer exists"));

        // The old token no longer works, and the email and username can be taken again.
        ann.request().get("/v1/accounts/me").then().statusCode(401);
        Users.register(ann.email(), ann.username()).then().statusCode(201);
        FrontDoor.request().get("/v1/users/" + ann.id()).then().statusCode(401);
    }
}
