package dev.parley.e2e.resilience;

import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.e2e.support.Database;
import dev.parley.e2e.support.EndToEnd;
import dev.parley.e2e.support.FrontDoor;
import dev.parley.e2e.support.Postgres;
import dev.parley.e2e.support.Product;
import dev.parley.e2e.support.Product.Service;
import dev.parley.e2e.support.RunningProduct;
import dev.parley.e2e.support.Social;
import dev.parley.e2e.support.User;
import dev.parley.e2e.support.Users;

/**
 * Events between services survive every fault these tests can inject: a consumer that was down applies everything
 * produced meanwhile, a producer killed with SIGKILL between two changes loses neither, and a PostgreSQL restart
 * only delays them. Each ends with the consumer at the producer's last event and its lag back at zero.
 */
@EndToEnd
class EventFeedFaultsIT {

    private static final Duration CATCH_UP_WITHIN = Duration.ofSeconds(30);
    private static final Duration RECOVERY = Duration.ofSeconds(60);

    @Test
    void chatServiceDownWhileFriendshipsAndAccountsChangeAppliesEveryChangeWhenBack() throws Exception {
        List<User> users = Users.verifiedUsers("ann", "bob", "cid", "dan");
        User ann = users.get(0);
        User bob = users.get(1);
        User cid = users.get(2);
        User dan = users.get(3);
        Social.befriend(ann, bob);
        Social.befriend(cid, dan);
        Social.befriend(ann, cid);
        long annAndBob = Social.direct(ann, bob);
        long danAndCid = Social.direct(dan, cid);
        long group = Social.group(cid, "cid's group", ann, dan);
        Social.sent(dan, group, "dan was here");
        Product product = RunningProduct.product();

        product.stop(Service.CHAT);
        bob.request().body(Map.of("user_id", ann.id())).post("/v1/blocks").then().statusCode(201);
        dan.request().body(Map.of("password", Users.PASSWORD)).delete("/v1/accounts/me").then().statusCode(204);
        product.start(Service.CHAT);

        awaitChatCaughtUp();
        Social.send(ann, annAndBob, "after the block", "after-block").then()
                .spec(error(403, "You can only message friends"));
        Social.send(cid, danAndCid, "dan?", "to-dan").then().spec(error(403, "This account no longer exists"));
        assertThat(Database.number(Service.CHAT, "select count(*) from chat.members where user_id = ?", dan.id()))
                .isZero();
        assertThat(Database.texts(Service.CHAT, "select coalesce(body, '<erased>') from chat.messages "
                + "where sender_id = ?", dan.id())).containsOnly("<erased>");
    }

    @Test
    void friendshipServiceKilledBetweenTwoChangesLosesNeither() throws Exception {
        List<User> users = Users.verifiedUsers("ann", "bob", "cid");
        User ann = users.get(0);
        User bob = users.get(1);
        User cid = users.get(2);
        Social.befriend(ann, bob);
        Social.befriend(ann, cid);
        long annAndBob = Social.direct(ann, bob);
        long annAndCid = Social.direct(ann, cid);
        Product product = RunningProduct.product();

        bob.request().body(Map.of("user_id", ann.id())).post("/v1/blocks").then().statusCode(201);
        product.kill(Service.FRIENDSHIP);
        product.start(Service.FRIENDSHIP);
        cid.request().body(Map.of("user_id", ann.id())).post("/v1/blocks").then().statusCode(201);

        awaitChatCaughtUp();
        Social.send(ann, annAndBob, "to bob", "to-bob").then().spec(error(403, "You can only message friends"));
        Social.send(ann, annAndCid, "to cid", "to-cid").then().spec(error(403, "You can only message friends"));
    }

    @Test
    void accountServiceKilledBetweenTwoLogoutsRevokesBothSessionsEverywhere() throws Exception {
        User ann = Users.verifiedUser("ann");
        var second = Users.login(ann.email());
        Product product = RunningProduct.product();

        logout(ann.refreshToken());
        product.kill(Service.ACCOUNT);
        product.start(Service.ACCOUNT);
        logout(second.getString("refresh_token"));

        for (String token : List.of(ann.accessToken(), second.getString("access_token"))) {
            await().atMost(CATCH_UP_WITHIN).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                for (String path : List.of("/v1/accounts/me", "/v1/friendships", "/v1/conversations")) {
                    FrontDoor.as(token).get(path).then().statusCode(401);
                }
            });
        }
    }

    @Test
    void aPostgresRestartBetweenChangesOnlyDelaysThem() throws Exception {
        List<User> users = Users.verifiedUsers("ann", "bob", "cid");
        User ann = users.get(0);
        User bob = users.get(1);
        User cid = users.get(2);
        Social.befriend(ann, bob);
        Social.befriend(ann, cid);
        long annAndBob = Social.direct(ann, bob);
        long annAndCid = Social.direct(ann, cid);

        bob.request().body(Map.of("user_id", ann.id())).post("/v1/blocks").then().statusCode(201);
        Postgres.stop();
        Postgres.start();
        await().atMost(RECOVERY).pollInterval(Duration.ofMillis(500)).until(() -> cid.request()
                .body(Map.of("user_id", ann.id())).post("/v1/blocks").statusCode() == 201);

        awaitChatCaughtUp();
        Social.send(ann, annAndBob, "to bob", "to-bob").then().spec(error(403, "You can only message friends"));
        Social.send(ann, annAndCid, "to cid", "to-cid").then().spec(error(403, "You can only message friends"));
    }

    private static void logout(String refreshToken) {
        FrontDoor.request().body(Map.of("refresh_token", refreshToken)).post("/v1/accounts/logout")
                .then().statusCode(204);
    }

    /** chat-service has applied friendship-service's newest event and account-service's, and reports no lag. */
    private static void awaitChatCaughtUp() {
        await().atMost(CATCH_UP_WITHIN).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (Service producer : List.of(Service.FRIENDSHIP, Service.ACCOUNT)) {
                String feed = producer == Service.FRIENDSHIP ? "friendship" : "account";
                long newest = Database.number(producer, "select coalesce(max(position), 0) from " + feed
                        + ".outbox_events");
                assertThat(Database.numbers(Service.CHAT, "select position from chat.feed_positions where feed = ?",
                        feed)).as("chat's place in the %s feed", feed).containsExactly(newest);
            }
            assertThat(lagSeconds(Service.CHAT)).as("chat's lag in seconds").containsOnly(0.0);
        });
    }

    private static List<Double> lagSeconds(Service service) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service
                .url() + "/q/metrics")).header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
        return metrics.body().lines().filter(line -> line.startsWith("parley_events_lag_seconds{"))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).toList();
    }
}
