package dev.parley.chat;

import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import dev.parley.chat.support.Neighbours;
import dev.parley.chat.support.SessionTokens;
import dev.parley.testing.StreamClient;
import dev.parley.testing.Unique;

/** A session account-service revokes loses chat at once: its tokens are refused and its streams are closed. */
@QuarkusTest
class RevocationTest {

    @Test
    void aRevokedSessionsTokenIsRefusedWithinTwoSecondsWhileTheUsersOtherSessionGoesOn() {
        long user = Unique.userId();
        String revoked = SessionTokens.forSession(user, user * 10);
        String other = SessionTokens.forSession(user, user * 10 + 1);
        given().auth().oauth2(revoked).get("/v1/conversations").then().statusCode(200);

        revoke(user, user * 10);

        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> given().auth().oauth2(revoked).get("/v1/conversations").statusCode() == 401);
        given().auth().oauth2(revoked).get("/v1/conversations").then()
                .spec(error(401, "Invalid or expired access token"));
        given().auth().oauth2(other).get("/v1/conversations").then().statusCode(200);
    }

    @Test
    void aRevokedSessionsOpenStreamsCloseWith1008RevokedAndItsTokenOpensNoMore() {
        long user = Unique.userId();
        String revoked = SessionTokens.forSession(user, user * 10);
        String other = SessionTokens.forSession(user, user * 10 + 1);
        try (StreamClient first = StreamClient.withHeader(base(), revoked);
                StreamClient second = StreamClient.withQueryToken(base(), revoked);
                StreamClient otherSession = StreamClient.withHeader(base(), other)) {

            revoke(user, user * 10);

            assertThat(first.awaitClose(Duration.ofSeconds(2))).isEqualTo("1008 revoked");
            assertThat(second.awaitClose(Duration.ofSeconds(2))).isEqualTo("1008 revoked");
            assertThat(otherSession.isOpen()).isTrue();
        }

        given().auth().oauth2(revoked).header("Upgrade", "websocket").get("/v1/stream")
                .then().spec(error(401, "Invalid or expired access token"));
        try (StreamClient refused = StreamClient.withHeader(base(), revoked)) {
            throw new AssertionError("the stream accepted a revoked session's token: " + refused);
        } catch (CompletionException expected) {
            assertThat(expected.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            assertThat(((WebSocketHandshakeException) expected.getCause()).getResponse().statusCode()).isEqualTo(401);
        }
        try (StreamClient stillFine = StreamClient.withHeader(base(), other)) {
            assertThat(stillFine.isOpen()).isTrue();
        }
    }

    private static void revoke(long user, long session) {
        Neighbours.accountEvent("session.revoked", Long.toString(session), Map.of("session_id", session, "user_id",
                user, "until", Instant.now().plusSeconds(900).toString()));
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port;
    }
}
