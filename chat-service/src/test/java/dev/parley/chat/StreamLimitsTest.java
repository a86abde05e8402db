package dev.parley.chat;

import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

import dev.parley.chat.support.Chat;
import dev.parley.chat.support.StalledReader;
import dev.parley.chat.support.TightLimits;
import dev.parley.testing.StreamClient;

/** What one user, or everyone together, can hold open on a replica, and what happens to a client that stops reading. */
@QuarkusTest
@TestProfile(TightLimits.class)
class StreamLimitsTest {

    private static final int PER_USER = 10;

    @BeforeEach
    void everySocketOfEarlierTestsIsClosed() {
        awaitOpenSockets(0);
    }

    @Test
    void theEleventhSocketOfAUserIsRefusedWith429UntilOneCloses() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser();
        List<StreamClient> streams = new ArrayList<>();
        try {
            for (int i = 0; i < PER_USER; i++) {
                streams.add(StreamClient.withHeader(base(), ann.token()));
            }
            assertThat(refusal(() -> StreamClient.withHeader(base(), ann.token()))).isEqualTo(429);
            upgrade(ann).then().spec(error(429, "At most 10 streams can be open at once"))
                    .header("Retry-After", "30");

            try (StreamClient other = StreamClient.withHeader(base(), bob.token())) {
                assertThat(other.isOpen()).isTrue();
            }
            streams.remove(0).close();
            StreamClient again = await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
                    .until(() -> StreamClient.withHeader(base(), ann.token()), Objects::nonNull);
            streams.add(again);
            assertThat(again.isOpen()).isTrue();
        } finally {
            streams.forEach(StreamClient::close);
        }
    }

    @Test
    void upgradesRacingForTheLastSlotsAdmitExactlyTheLimit() {
        Chat ann = Chat.newUser();
        List<StreamClient> admitted = new ArrayList<>();
        try {
            List<Object> outcomes = MessageTest.concurrently(2 * PER_USER, i -> {
                try {
                    return StreamClient.withHeader(base(), ann.token());
                } catch (CompletionException refused) {
                    return statusOf(refused);
                }
            });
            outcomes.stream().filter(StreamClient.class::isInstance).map(StreamClient.class::cast)
                    .forEach(admitted::add);
            assertThat(admitted).hasSize(PER_USER);
            assertThat(outcomes).filteredOn(Integer.class::isInstance).hasSize(PER_USER).containsOnly(429);
            awaitOpenSockets(PER_USER);

            admitted.forEach(StreamClient::close);
            admitted.clear();
            awaitOpenSockets(0);
            for (int i = 0; i < PER_USER; i++) {
                admitted.add(StreamClient.withHeader(base(), ann.token()));
            }
            assertThat(admitted).allMatch(StreamClient::isOpen);
        } finally {
            admitted.forEach(StreamClient::close);
        }
    }

    @Test
    void upgradesThatNeverHappenGiveTheirSlotsBack() {
        Chat ann = Chat.newUser();
        for (int i = 0; i < 2 * PER_USER; i++) {
            // Past the gate, but without the handshake's key nothing upgrades.
            upgrade(ann).then().statusCode(404);
        }
        List<StreamClient> streams = new ArrayList<>();
        try {
            for (int i = 0; i < PER_USER; i++) {
                streams.add(StreamClient.withHeader(base(), ann.token()));
            }
            assertThat(streams).allMatch(StreamClient::isOpen);
        } finally {
            streams.forEach(StreamClient::close);
        }
    }

    @Test
    void aFullReplicaRefusesEveryoneWith503() {
        List<StreamClient> streams = new ArrayList<>();
        try {
            for (int i = 0; i < TightLimits.SOCKETS / 2; i++) {
                Chat user = Chat.newUser();
                streams.add(StreamClient.withHeader(base(), user.token()));
                streams.add(StreamClient.withHeader(base(), user.token()));
            }
            Chat late = Chat.newUser();
            assertThat(refusal(() -> StreamClient.withHeader(base(), late.token()))).isEqualTo(503);
            upgrade(late).then().spec(error(503, "Too many connections")).header("Retry-After", "5");

            streams.remove(0).close();
            StreamClient admitted = await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
                    .until(() -> StreamClient.withHeader(base(), late.token()), Objects::nonNull);
            streams.add(admitted);
        } finally {
            streams.forEach(StreamClient::close);
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedAsTooSlowAndCutOffIfItNeverReadsAgain() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        String large = "\u4e2d".repeat(4000);
        double closedBefore = metric("parley_ws_closed_too_slow_total");
        List<StreamClient> reading = new ArrayList<>();
        try (StalledReader resumes = StalledReader.connect(RestAssured.port, bob.token());
                StalledReader neverReads = StalledReader.connect(RestAssured.port, bob.token())) {
            for (int i = 0; i < PER_USER - 2; i++) {
                reading.add(StreamClient.withHeader(base(), bob.token()));
            }
            awaitOpenSockets(PER_USER);
            int sent = 0;
            while (metric("parley_ws_closed_too_slow_total") < closedBefore + 2) {
                assertThat(sent).as("messages sent before both stalled clients were closed").isLessThan(1000);
                MessageTest.concurrently(4, i -> ann.sent(direct, large));
                sent += 4;
            }
            awaitOpenSockets(PER_USER - 2);

            assertThat(resumes.readUntilClose(Duration.ofSeconds(10))).isEqualTo("1008 Too slow");
            resumes.close();
            // The other one's close frame waits behind what it never reads: only cutting it off, five seconds after
            // it was found too slow, frees its slot.
            for (int i = 0; i < 2; i++) {
                reading.add(await().atMost(Duration.ofSeconds(8)).ignoreExceptions()
                        .until(() -> StreamClient.withHeader(base(), bob.token()), Objects::nonNull));
            }
            assertThat(neverReads.readUntilClose(Duration.ofSeconds(10))).isNotNull();

            ann.sent(direct, "still delivered");
            for (StreamClient stream : reading) {
                assertThat(stream.awaitFirst(e -> "still delivered".equals(e.path("data").path("body").asText()),
                        Duration.ofSeconds(10))).as("%s", stream).isNotNull();
            }
        } finally {
            reading.forEach(StreamClient::close);
        }
    }

    @Test
    void aMessageLargerThanSixtyFourKibibytesClosesTheSocketAsTooBig() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = bob.directWith(ann);
        try (StreamClient stream = StreamClient.withHeader(base(), ann.token())) {
            stream.send("x".repeat(65_536));
            bob.sent(direct, "after the largest message");
            assertThat(stream.next("message.created", Duration.ofSeconds(5))).isNotNull();
            stream.send("x".repeat(65_537));
            assertThat(stream.awaitClose(Duration.ofSeconds(10))).isEqualTo("1009 Message too big");
        }
        awaitOpenSockets(0);
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port;
    }

    // A plain request with the upgrade's headers: refused by the gate before any upgrade, its body can be read.
    private static io.restassured.response.Response upgrade(Chat who) {
        return given().auth().oauth2(who.token()).header("Upgrade", "websocket").header("Connection", "Upgrade")
                .header("Sec-WebSocket-Version", "13").get("/v1/stream");
    }

    private static int refusal(Supplier<StreamClient> connect) {
        try (StreamClient ignored = connect.get()) {
            throw new AssertionError("the stream was opened");
        } catch (CompletionException refused) {
            return statusOf(refused);
        }
    }

    private static int statusOf(CompletionException refused) {
        assertThat(refused.getCause()).isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode();
    }

    private static void awaitOpenSockets(int count) {
        await().atMost(Duration.ofSeconds(15)).until(() -> metric("parley_ws_connections") == count);
    }

    private static double metric(String name) {
        String metrics = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher value = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? (\\S+)$").matcher(metrics);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }
}
