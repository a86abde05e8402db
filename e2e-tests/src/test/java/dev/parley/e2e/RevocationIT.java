package dev.parley.e2e;

import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.restassured.specification.RequestSpecification;

import dev.parley.e2e.support.Database;
import dev.parley.e2e.support.EndToEnd;
import dev.parley.e2e.support.FrontDoor;
import dev.parley.e2e.support.Product.Service;
import dev.parley.e2e.support.User;
import dev.parley.e2e.support.Users;
import dev.parley.testing.StreamClient;

/**
 * A session that ends (logout, revocation) ends everywhere within two seconds: every service refuses its access
 * token, and chat-service closes its open sockets with 1008 {@code revoked}. The user's other sessions go on.
 */
@EndToEnd
class RevocationIT {

    private static final Duration EVERYWHERE_WITHIN = Duration.ofSeconds(2);

    @Test
    void afterLogoutTheAccessTokenIsRefusedByEveryServiceAndItsSocketIsClosedWithin2Seconds() throws Exception {
        User ann = Users.verifiedUser("ann");
        var otherSession = Users.login(ann.email());
        String otherToken = otherSession.getString("access_token");
        try (StreamClient revoked = FrontDoor.stream(ann);
                StreamClient kept = StreamClient.withHeader(FrontDoor.URL, otherToken).of("ann's phone")) {
            allServicesAccept(ann.accessToken());

            long loggedOut = System.nanoTime();
            FrontDoor.request().body(Map.of("refresh_token", ann.refreshToken())).post("/v1/accounts/logout")
                    .then().statusCode(204);

            await().atMost(EVERYWHERE_WITHIN).pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> allServicesRefuse(ann.accessToken()));
            assertThat(revoked.awaitClose(EVERYWHERE_WITHIN.minusNanos(System.nanoTime() - loggedOut)))
                    .isEqualTo("1008 revoked");
            assertThat(kept.isOpen()).isTrue();
            allServicesAccept(otherToken);
        }
        // A new socket with the revoked token is refused before the upgrade, like any invalid token.
        Throwable refused = catchThrowable(() -> FrontDoor.stream(ann));
        assertThat(refused).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
        assertThat(((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode()).isEqualTo(401);
    }

    @Test
    void revokingAnotherSessionEndsItEverywhereAndNothingElse() {
        User bob = Users.verifiedUser("bob");
        var phone = Users.login(bob.email());
        String phoneToken = phone.getString("access_token");
        long phoneSession = bob.request().get("/v1/accounts/sessions").then().statusCode(200).extract().jsonPath()
                .<Number>getList("items.findAll { !it.current }.id").getFirst().longValue();

        bob.request().delete("/v1/accounts/sessions/" + phoneSession).then().statusCode(204);

        await().atMost(EVERYWHERE_WITHIN).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> allServicesRefuse(phoneToken));
        allServicesAccept(bob.accessToken());
        assertThat(Database.number(Service.ACCOUNT, "select count(*) from account.outbox_events "
                + "where type = 'session.revoked' and key = ?", Long.toString(phoneSession))).isEqualTo(1);
    }

    private static void allServicesAccept(String token) {
        for (String path : List.of("/v1/accounts/me", "/v1/friendships", "/v1/conversations")) {
            FrontDoor.as(token).get(path).then().statusCode(200);
        }
    }

    private static void allServicesRefuse(String token) {
        for (String path : List.of("/v1/accounts/me", "/v1/friendships", "/v1/conversations")) {
            RequestSpecification request = FrontDoor.as(token);
            request.get(path).then().spec(error(401, "Invalid or expired access token"));
        }
    }
}
