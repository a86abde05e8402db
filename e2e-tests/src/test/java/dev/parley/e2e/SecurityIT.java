package dev.parley.e2e;

import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

import dev.parley.e2e.support.EndToEnd;
import dev.parley.e2e.support.FrontDoor;
import dev.parley.e2e.support.RunningProduct;
import dev.parley.e2e.support.TraceCollector;
import dev.parley.e2e.support.TraceCollector.ReceivedSpan;
import dev.parley.e2e.support.User;
import dev.parley.e2e.support.Users;
import dev.parley.testing.StreamClient;

/**
 * The limits that protect Parley, seen through the front door: the proxy's own limit per client address, login
 * lockout per email and address, at most ten streams per user, and an access token in a WebSocket's query string
 * that no log ever shows.
 */
@EndToEnd
class SecurityIT {

    private static final String LOCKED = "Too many failed logins; try again later";
    private static final int STREAMS_PER_USER = 10;

    @Test
    void theProxyAnswersTooManyRequestsFromOneAddressWith429InTheEnvelope() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(32);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 1500; i++) {
                answers.add(clients.submit(() -> FrontDoor.request().get("/.well-known/jwks.json")));
            }
            List<Response> refused = new ArrayList<>();
            for (Future<Response> answer : answers) {
                Response response = answer.get(60, TimeUnit.SECONDS);
                if (response.statusCode() == 429) {
                    refused.add(response);
                } else {
                    assertThat(response.statusCode()).isEqualTo(200);
                }
            }
            assertThat(refused).isNotEmpty();
            refused.get(0).then().spec(error(429, "Too many requests from this address; slow down"))
                    .header("Retry-After", "1");
        } finally {
            clients.shutdownNow();
        }
        // The burst refills at the sustained rate (400 at 100 a second) before the next test.
        Thread.sleep(5_000);
        FrontDoor.request().get("/.well-known/jwks.json").then().statusCode(200);
    }

    @Test
    void wrongPasswordsFromOneAddressLockThatAddressOutButNotTheOwnerElsewhere() {
        User owner = Users.verifiedUser("lockout");
        for (int i = 0; i < 5; i++) {
            login(owner.email(), "wrong password", "203.0.113.10").then()
                    .spec(error(401, "Invalid email or password"));
        }
        String retryAfter = login(owner.email(), Users.PASSWORD, "203.0.113.10").then().spec(error(429, LOCKED))
                .extract().header("Retry-After");
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 900L);

        login(owner.email(), Users.PASSWORD, "198.51.100.20").then().statusCode(200);
    }

    @Test
    void anAccessTokenInTheStreamsQueryStringAppearsInNoLog() throws Exception {
        User user = Users.verifiedUser("logs");
        try (StreamClient stream = FrontDoor.streamWithQueryToken(user)) {
            assertThat(stream.isOpen()).isTrue();
        }
        FrontDoor.request().get("/v1/sync?access_token=" + user.accessToken()).then().statusCode(401);

        Path logs = RunningProduct.product().logs();
        // The proxy writes its access log line once the request ends.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!Files.readString(logs.resolve("proxy.log")).contains("GET /v1/stream ")
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(Files.readString(logs.resolve("proxy.log"))).contains("GET /v1/stream ");
        String signature = user.accessToken().substring(user.accessToken().lastIndexOf('.') + 1);
        try (var files = Files.list(logs)) {
            for (Path log : files.toList()) {
                assertThat(Files.readString(log)).as("%s", log.getFileName()).doesNotContain(signature);
            }
        }
        // Spans record query strings: the one that carried the token shows it redacted, and none shows it.
        TraceCollector traces = RunningProduct.product().traces();
        while (traces.all().stream().noneMatch(SecurityIT::redactedQuery) && System.nanoTime() < deadline + 5e9) {
            Thread.sleep(100);
        }
        assertThat(traces.all()).anyMatch(SecurityIT::redactedQuery);
        assertThat(traces.all()).flatExtracting(ReceivedSpan::attributes).map(Object::toString)
                .noneMatch(attribute -> attribute.contains(signature));
    }

    @Test
    void aUserHoldsTenStreamsThroughTheFrontDoorTheEleventhIsRefusedWith429AndClosingOneMakesRoom() {
        List<User> users = Users.verifiedUsers("sockets", "other");
        User user = users.get(0);
        User other = users.get(1);
        List<StreamClient> streams = new ArrayList<>();
        try {
            for (int i = 0; i < STREAMS_PER_USER; i++) {
                streams.add(FrontDoor.stream(user));
            }
            assertThat(streams).allMatch(StreamClient::isOpen);

            // The eleventh upgrade is refused before it happens, in the envelope, and a real client sees the 429.
            upgrade(user).then().spec(error(429, "At most 10 streams can be open at once"))
                    .header("Retry-After", "30");
            assertThat(refusal(() -> FrontDoor.stream(user))).isEqualTo(429);
            assertThat(streams).as("the ten already open").allMatch(StreamClient::isOpen);

            try (StreamClient others = FrontDoor.stream(other)) {
                assertThat(others.isOpen()).as("another user's stream").isTrue();
            }

            streams.remove(0).close();
            StreamClient again = await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
                    .until(() -> FrontDoor.stream(user), Objects::nonNull);
            streams.add(again);
            assertThat(again.isOpen()).as("a stream opened after one was closed").isTrue();
        } finally {
            streams.forEach(StreamClient::close);
        }
    }

    // A plain request with a real upgrade's headers: refused before any upgrade, so its answer can be read.
    private static Response upgrade(User user) {
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        return FrontDoor.as(user.accessToken()).header("Upgrade", "websocket").header("Connection", "Upgrade")
                .header("Sec-WebSocket-Key", Base64.getEncoder().encodeToString(key))
                .header("Sec-WebSocket-Version", "13").get("/v1/stream");
    }

    /** The status a WebSocket client's handshake was refused with; fails if the stream opened. */
    private static int refusal(Supplier<StreamClient> connect) {
        try (StreamClient opened = connect.get()) {
            throw new AssertionError("the stream was opened: " + opened);
        } catch (CompletionException refused) {
            assertThat(refused.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            return ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode();
        }
    }

    private static boolean redactedQuery(ReceivedSpan span) {
        return "access_token=REDACTED".equals(span.attribute("url.query"));
    }

    private static Response login(String email, String password, String clientAddress) {
        return FrontDoor.request().header("X-Forwarded-For", clientAddress)
                .body(Map.of("email", email, "password", password)).post("/v1/accounts/login");
    }
}
