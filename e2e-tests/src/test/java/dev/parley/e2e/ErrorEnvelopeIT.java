package dev.parley.e2e;

import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

import dev.parley.e2e.support.Database;
import dev.parley.e2e.support.EndToEnd;
import dev.parley.e2e.support.FrontDoor;
import dev.parley.e2e.support.Product;
import dev.parley.e2e.support.Product.Service;
import dev.parley.e2e.support.RunningProduct;
import dev.parley.e2e.support.Social;
import dev.parley.e2e.support.User;
import dev.parley.e2e.support.Users;

/**
 * Whatever goes wrong, a client gets the same JSON envelope: from each service through the proxy, and from the
 * proxy itself for paths that are not Parley's and for a service that is down.
 */
@EndToEnd
class ErrorEnvelopeIT {

    @Test
    void pathsThatAreNotParleysGetTheProxysOwn404InTheEnvelope() {
        for (String path : List.of("/", "/v2/conversations", "/v1/unknown", "/v1/accountsx", "/q/health/ready",
                "/q/metrics", "/swagger-ui")) {
            FrontDoor.request().get(path).then().spec(error(404, "No route for this path"));
        }
        FrontDoor.request().body("{}").post("/v1/nothing-here").then().spec(error(404, "No route for this path"));
    }

    @Test
    void anUnknownPathWithAFileExtensionStillGetsTheEnvelopeAsJson() {
        // nginx picks a content type from the extension unless told otherwise; the envelope is JSON regardless.
        for (String path : List.of("/index.html", "/favicon.gif", "/logo.jpg")) {
            FrontDoor.request().get(path).then().spec(error(404, "No route for this path"));
        }
    }

    @Test
    void aBodyOverOneMegabyteIsRefusedByTheProxyInTheEnvelope() {
        FrontDoor.request().body("{\"body\": \"" + "x".repeat(1_100_000) + "\"}").post("/v1/conversations/1/messages")
                .then().spec(error(413, "The request body is larger than 1 MB"));
    }

    @Test
    void aQueryAsLongAsTheProxyTakesIsAnsweredByEachServiceInTheEnvelope() {
        User ann = Users.verifiedUser("ann");
        // The proxy holds a request line in an 8 KiB buffer: anything shorter is the service's to answer.
        String cursor = "x".repeat(8_000);
        ann.request().queryParam("query", "a").queryParam("cursor", cursor).get("/v1/users")
                .then().spec(error(400, "Invalid cursor"));
        ann.request().queryParam("cursor", cursor).get("/v1/friendships").then().spec(error(400, "Invalid cursor"));
        ann.request().queryParam("cursor", cursor).get("/v1/conversations").then().spec(error(400, "Invalid cursor"));
    }

    @Test
    void aQueryLongerThanTheProxyTakesGetsItsOwn414InTheEnvelope() {
        User ann = Users.verifiedUser("ann");
        ann.request().queryParam("cursor", "x".repeat(9_000)).get("/v1/conversations").then().statusCode(414)
                .contentType(ContentType.JSON).body("error.status", equalTo(414))
                .body("error.type", equalTo("URI Too Long"))
                .body("error.message", equalTo("The request URI is too long"));
    }

    @Test
    void everyServiceAnswersMissingTokensBadInputAndUnknownThingsInTheEnvelope() {
        User ann = Users.verifiedUser("ann");
        for (String path : List.of("/v1/accounts/me", "/v1/friendships", "/v1/conversations", "/v1/sync")) {
            FrontDoor.request().get(path).then().spec(error(401, "Authentication required"))
                    .header("WWW-Authenticate", "Bearer");
            FrontDoor.as("not-a-token").get(path).then().spec(error(401, "Invalid or expired access token"))
                    .header("WWW-Authenticate", "Bearer");
        }
        FrontDoor.request().get("/v1/stream").then().spec(error(401, "Authentication required"));
        ann.request().get("/v1/stream").then().spec(error(400, "Expected a WebSocket upgrade"));

        // account-service
        FrontDoor.request().body(Map.of("email", ann.email(), "password", "wrong password"))
                .post("/v1/accounts/login").then().spec(error(401, "Invalid email or password"));
        FrontDoor.request().body("{\"email\": ").post("/v1/accounts/register")
                .then().spec(error(400, "Malformed JSON body"));
        FrontDoor.request().body(Map.of("email", "someone@e2e.parley.test")).post("/v1/accounts/register")
                .then().spec(error(400));
        ann.request().get("/v1/users/999999999").then().spec(error(404));
        // friendship-service
        ann.request().body(Map.of("user_id", "42")).post("/v1/friendships/requests")
                .then().spec(error(400, "Invalid value for 'user_id'"));
        ann.request().body(Map.of("user_id", ann.id())).post("/v1/friendships/requests")
                .then().spec(error(400, "You cannot befriend yourself"));
        ann.request().post("/v1/friendships/requests/999999999/accept").then().spec(error(404));
        // chat-service
        ann.request().get("/v1/conversations/999999999").then().spec(error(404, "Conversation 999999999 not found"));
        ann.request().body(Map.of("type", "channel")).post("/v1/conversations")
                .then().spec(error(400, "type must be 'direct' or 'group'"));
        ann.request().contentType(ContentType.TEXT).body("hello").post("/v1/conversations").then().spec(error(415));
        ann.request().delete("/v1/sync").then().spec(error(405));
    }

    @Test
    void aStreamWithABadTokenIsRefusedBeforeTheUpgradeWithTheEnvelope() {
        Throwable refused = catchThrowable(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5)).header("Authorization", "Bearer forged")
                .buildAsync(URI.create(FrontDoor.STREAM), new java.net.http.WebSocket.Listener() {
                }).join());
        assertThat(refused).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
        var response = ((WebSocketHandshakeException) refused.getCause()).getResponse();
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body().toString()).contains("\"message\":\"Invalid or expired access token\"")
                .contains("\"status\":401").contains("\"type\":\"Unauthorized\"");
    }

    @Test
    void aStoppedServiceGetsTheProxys502ServicesThatNeedItAnswer503TheRestKeepsWorkingAndAllRecoverWhenItIsBack()
            throws Exception {
        Product product = RunningProduct.product();
        // A fresh chat-service: its circuit breaker has seen only this test's calls, so runs are comparable.
        product.restart(Service.CHAT);
        List<User> users = Users.verifiedUsers("ann", "bob", "cid");
        User ann = users.get(0);
        User bob = users.get(1);
        User cid = users.get(2);
        Social.befriend(ann, bob);
        Social.befriend(ann, cid);
        long direct = Social.direct(ann, bob);
        long group = Social.group(ann, "still here", bob, cid);

        product.stop(Service.FRIENDSHIP);
        try {
            for (String path : List.of("/v1/friendships", "/v1/friendships/requests", "/v1/blocks")) {
                ann.request().get(path).then().spec(error(502, "The service behind this path is unreachable"));
            }
            ann.request().body(Map.of("user_id", bob.id())).post("/v1/blocks")
                    .then().spec(error(502, "The service behind this path is unreachable"));

            // chat-service asks friendship-service before anything between two users, and says so.
            Social.send(ann, direct, "are you there?", "direct-while-down")
                    .then().spec(error(503, "Friendship service unavailable"));
            ann.request().body(Map.of("type", "direct", "user_id", cid.id())).post("/v1/conversations")
                    .then().spec(error(503, "Friendship service unavailable"));
            // Groups do not need it: they keep working, and so does everything else.
            Social.send(bob, group, "the group still works", "group-while-down").then().statusCode(201);
            ann.request().get("/v1/conversations").then().statusCode(200);
            ann.request().get("/v1/accounts/me").then().statusCode(200);
            assertThat(Database.number(Service.CHAT, "select count(*) from chat.messages where conversation_id = ?",
                    direct)).isZero();
        } finally {
            product.start(Service.FRIENDSHIP);
        }

        ann.request().get("/v1/friendships").then().statusCode(200);
        // chat-service's circuit breaker may still be open for a few seconds; then direct sends go through again,
        // and keep going through: the outage's failures must not trip the breaker once friendship-service is back.
        boolean recovered = false;
        try {
            Awaitility.await("a direct send after friendship-service is back").atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> Social.send(ann, direct, "back again", "direct-after-0").statusCode() == 201);
            for (int i = 1; i <= 12; i++) {
                Social.send(ann, direct, "back again " + i, "direct-after-" + i).then().statusCode(201);
            }
            assertThat(Database.number(Service.CHAT, "select count(*) from chat.messages where conversation_id = ?",
                    direct)).isEqualTo(13);
            recovered = true;
        } finally {
            if (!recovered) {
                // Leave no open breaker behind for the tests that follow.
                product.restart(Service.CHAT);
            }
        }
    }
}
