package dev.parley.e2e.resilience;

import static dev.parley.testing.ErrorSpec.error;
import static dev.parley.testing.StreamClient.in;
import static dev.parley.testing.StreamClient.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.parley.e2e.support.Database;
import dev.parley.e2e.support.EndToEnd;
import dev.parley.e2e.support.FrontDoor;
import dev.parley.e2e.support.Product;
import dev.parley.e2e.support.Product.Service;
import dev.parley.e2e.support.RunningProduct;
import dev.parley.e2e.support.Social;
import dev.parley.e2e.support.User;
import dev.parley.e2e.support.Users;
import dev.parley.testing.StreamClient;

/**
 * account-service is down. friendship-service and chat-service verify tokens with the keys they already hold, so
 * everything that does not need account-service keeps working; what does need it is refused with a clear 503.
 */
@EndToEnd
class AccountServiceOutageIT {

    @Test
    void withAccountServiceStoppedTheOthersAnswer503WhereTheyNeedItServeEverythingElseAndRecoverWhenItIsBack()
            throws Exception {
        Product product = RunningProduct.product();
        // A fresh friendship-service: its circuit breaker has seen only this test's calls, so runs are comparable.
        product.restart(Service.FRIENDSHIP);
        List<User> users = Users.verifiedUsers("ann", "bob", "cid", "dan");
        User ann = users.get(0);
        User bob = users.get(1);
        User cid = users.get(2);
        User dan = users.get(3);
        Social.befriend(ann, bob);
        long direct = Social.direct(ann, bob);
        Social.sent(ann, direct, "before the outage");
        long pending = cid.request().body(Map.of("user_id", bob.id())).post("/v1/friendships/requests")
                .then().statusCode(201).extract().jsonPath().getLong("id");

        product.stop(Service.ACCOUNT);
        try {
            // account-service's own routes: the proxy says the service is unreachable.
            FrontDoor.request().body(Map.of("email", ann.email(), "password", Users.PASSWORD))
                    .post("/v1/accounts/login").then().spec(error(502, "The service behind this path is unreachable"));
            ann.request().get("/v1/users/" + bob.id())
                    .then().spec(error(502, "The service behind this path is unreachable"));

            // friendship-service needs it to know that a user exists: new requests and blocks are refused, unwritten.
            ann.request().body(Map.of("user_id", cid.id())).post("/v1/friendships/requests")
                    .then().spec(error(503, "Account service unavailable"));
            ann.request().body(Map.of("user_id", dan.id())).post("/v1/blocks")
                    .then().spec(error(503, "Account service unavailable"));
            assertThat(Database.number(Service.FRIENDSHIP, "select count(*) from friendship.friendships "
                    + "where requester_id = ? and addressee_id = ?", ann.id(), cid.id())).isZero();
            assertThat(Database.number(Service.FRIENDSHIP, "select count(*) from friendship.blocks "
                    + "where blocker_id = ?", ann.id())).isZero();
            // Everything else it serves from its own data.
            ann.request().get("/v1/friendships").then().statusCode(200)
                    .body("items.user_id", containsInAnyOrder((int) bob.id()));
            bob.request().get("/v1/friendships/" + ann.id()).then().statusCode(200)
                    .body("status", equalTo("friends"));
            bob.request().post("/v1/friendships/requests/" + pending + "/accept").then().statusCode(200)
                    .body("status", equalTo("accepted"));

            // chat-service does not need it at all: existing and new conversations, sends and live delivery work.
            try (StreamClient bobStream = FrontDoor.stream(bob)) {
                long seq = Social.sent(ann, direct, "during the outage").getLong("seq");
                assertThat(seq).isEqualTo(2);
                assertThat(bobStream.awaitFirst(ofType("message.created").and(in(direct)),
                        Duration.ofSeconds(10))).as("message.created on a socket opened during the outage")
                        .isNotNull();
                long group = Social.group(bob, "made during the outage", ann, cid);
                Social.sent(cid, group, "hello from cid").getLong("seq");
                ann.request().get("/v1/conversations/" + direct + "/messages").then().statusCode(200)
                        .body("items.body", org.hamcrest.Matchers.contains("during the outage", "before the outage"));
            }
        } finally {
            product.start(Service.ACCOUNT);
        }

        // Back: friendship-service asks account-service again (once its circuit breaker lets it) and succeeds, and
        // keeps succeeding: the outage's failures must not trip the breaker once account-service answers again.
        boolean recovered = false;
        try {
            Awaitility.await("a friend request once account-service is back").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> requestAndCancel(ann, cid) == 201);
            for (int i = 1; i <= 12; i++) {
                assertThat(requestAndCancel(ann, cid)).as("friend request %s after account-service is back", i)
                        .isEqualTo(201);
            }
            FrontDoor.request().body(Map.of("email", ann.email(), "password", Users.PASSWORD))
                    .post("/v1/accounts/login").then().statusCode(200);
            recovered = true;
        } finally {
            if (!recovered) {
                // Leave no open breaker behind for the tests that follow.
                product.restart(Service.FRIENDSHIP);
            }
        }
    }

    /** Sends a friend request and takes it back; the status of the request. */
    private static int requestAndCancel(User from, User to) {
        var answer = from.request().body(Map.of("user_id", to.id())).post("/v1/friendships/requests");
        if (answer.statusCode() == 201) {
            from.request().delete("/v1/friendships/requests/" + answer.jsonPath().getLong("id"))
                    .then().statusCode(204);
        }
        return answer.statusCode();
    }
}
