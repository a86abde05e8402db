package dev.parley.e2e;

import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.e2e.support.EndToEnd;
import dev.parley.e2e.support.FrontDoor;
import dev.parley.e2e.support.Product;
import dev.parley.e2e.support.Product.Service;
import dev.parley.e2e.support.RunningProduct;
import dev.parley.e2e.support.SigningKey;
import dev.parley.e2e.support.User;
import dev.parley.e2e.support.Users;

/**
 * The signing key rotates the way docs/security.md tells an operator to, with the three real services: the new key
 * is published, then signs, then the old one is retired. Until it is retired, tokens of either key are accepted by
 * every service, and a client that keeps using its token through every restart never gets a 401; once retired, the
 * old key's tokens are refused everywhere and the new key's are still accepted.
 */
@EndToEnd
class KeyRotationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A route of each service that needs nothing but a valid token. */
    private static final Map<Service, String> ROUTES = new EnumMap<>(Map.of(Service.ACCOUNT, "/v1/accounts/me",
            Service.FRIENDSHIP, "/v1/friendships", Service.CHAT, "/v1/conversations"));
    // Stands in for waiting out the 5-minute refresh of the published keys between the steps.
    private static final Duration REFRESH = Duration.ofSeconds(1);
    private static final Map<String, String> QUICK_REFRESH = Map.of("PARLEY_JWKS_REFRESH_INTERVAL",
            REFRESH.toSeconds() + "s");

    @Test
    void tokensOfTheOldAndTheNewKeyAreAcceptedEverywhereThroughTheSwitchAndTheOldKeysRefusedOnceItIsRetired()
            throws Exception {
        Product product = RunningProduct.product();
        SigningKey a = SigningKey.read(product.signingKey());
        SigningKey b = SigningKey.generate();
        User user = Users.verifiedUser("rotation");
        String ta = user.accessToken();
        assertThat(keyIdOf(ta)).as("kid of a token signed before the rotation").isEqualTo(a.thumbprint());
        assertAcceptedEverywhere(user, ta);

        Client client = new Client();
        try {
            String tb;
            try {
                client.keepUsing("TA", ta);

                // 1. Publish B: account-service publishes it besides A, which still signs.
                product.reconfigure(Service.FRIENDSHIP, QUICK_REFRESH);
                product.reconfigure(Service.CHAT, QUICK_REFRESH);
                product.reconfigure(Service.ACCOUNT, Map.of("PARLEY_JWT_OTHER_PUBLIC_KEYS", b.publicPem()));
                assertThat(publishedKeyIds()).containsExactly(a.thumbprint(), b.thumbprint());
                assertThat(keyIdOf(Users.login(user.email()).getString("access_token")))
                        .as("kid of a token signed while B is only published").isEqualTo(a.thumbprint());

                // 2. Every replica learns it within the refresh interval.
                Thread.sleep(REFRESH.multipliedBy(3).toMillis());
                assertAcceptedEverywhere(user, ta);

                // 3. Switch: B signs, A is published besides it; tokens of both are accepted everywhere, at once.
                product.reconfigure(Service.ACCOUNT, Map.of("PARLEY_JWT_PRIVATE_KEY", b.privatePem(),
                        "PARLEY_JWT_OTHER_PUBLIC_KEYS", a.publicPem()));
                assertThat(publishedKeyIds()).containsExactly(b.thumbprint(), a.thumbprint());
                tb = Users.login(user.email()).getString("access_token");
                assertThat(keyIdOf(tb)).as("kid of a token signed after the switch").isEqualTo(b.thumbprint())
                        .isNotEqualTo(keyIdOf(ta));
                assertAcceptedEverywhere(user, tb);
                assertAcceptedEverywhere(user, ta);
                client.keepUsing("TB", tb);
                client.awaitRounds(5);
            } finally {
                client.stop();
            }
            // Throughout, every answer was a 200 or, while that very service restarted, the proxy's 502 or its 503.
            assertThat(client.answers()).as("answers to a client using its tokens through the rotation")
                    .allSatisfy(answer -> assertThat(answer.status()).as("%s", answer).isIn(200, 502, 503));
            for (String token : List.of("TA", "TB")) {
                for (Service service : ROUTES.keySet()) {
                    assertThat(client.answers()).as("answers of %s to %s", service, token)
                            .anyMatch(answer -> answer.token().equals(token) && answer.service() == service
                                    && answer.status() == 200);
                }
            }

            // 4. Retire A: no longer published; its tokens are refused by every service once it has refreshed.
            product.reconfigure(Service.ACCOUNT, Map.of("PARLEY_JWT_PRIVATE_KEY", b.privatePem(),
                    "PARLEY_JWT_OTHER_PUBLIC_KEYS", ""));
            assertThat(publishedKeyIds()).containsExactly(b.thumbprint());
            for (Service service : ROUTES.keySet()) {
                await(service + " refusing a token of the retired key").atMost(REFRESH.multipliedBy(10))
                        .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> FrontDoor.as(ta)
                                .get(ROUTES.get(service)).then()
                                .spec(error(401, "Invalid or expired access token")));
            }
            assertAcceptedEverywhere(user, tb);
            assertThat(keyIdOf(Users.login(user.email()).getString("access_token"))).isEqualTo(b.thumbprint());
        } finally {
            // The product's own configuration again, account-service first: the others fetch its keys as they start.
            product.reconfigure(Service.ACCOUNT, Map.of());
            product.reconfigure(Service.FRIENDSHIP, Map.of());
            product.reconfigure(Service.CHAT, Map.of());
        }
        assertAcceptedEverywhere(user, Users.login(user.email()).getString("access_token"));
    }

    /** Each service answers the user's request with this token as the user's own. */
    private static void assertAcceptedEverywhere(User user, String token) {
        FrontDoor.as(token).get(ROUTES.get(Service.ACCOUNT)).then().statusCode(200)
                .body("id", equalTo((int) user.id())).body("email", equalTo(user.email()));
        FrontDoor.as(token).get(ROUTES.get(Service.FRIENDSHIP)).then().statusCode(200).body("items", empty());
        FrontDoor.as(token).get(ROUTES.get(Service.CHAT)).then().statusCode(200).body("items", empty());
    }

    private static List<String> publishedKeyIds() {
        return FrontDoor.request().get("/.well-known/jwks.json").then().statusCode(200).extract().jsonPath()
                .getList("keys.kid", String.class);
    }

    private static String keyIdOf(String token) throws IOException {
        String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        return JSON.readTree(header).path("kid").asText();
    }

    /**
     * A client using its tokens again and again, on every service, through the front door, and recording each
     * answer: one round every 100 ms, from its own thread.
     */
    private static final class Client {

        record Answer(String token, Service service, int status, String body) {

            @Override
            public String toString() {
                return token + " at " + service + " -> " + status + " " + body;
            }
        }

        private final Map<String, String> tokens = new ConcurrentHashMap<>();
        private final List<Answer> answers = new CopyOnWriteArrayList<>();
        private final AtomicInteger rounds = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final Thread thread = Thread.ofPlatform().name("key-rotation-client").daemon().start(this::run);

        void keepUsing(String name, String token) {
            tokens.put(name, token);
        }

        /** Waits until this many more rounds have been made with every token given so far. */
        void awaitRounds(int count) throws InterruptedException {
            int target = rounds.get() + count + 1;
            while (rounds.get() < target) {
                Thread.sleep(20);
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(Duration.ofSeconds(30));
        }

        List<Answer> answers() {
            return List.copyOf(answers);
        }

        private void run() {
            while (running.get()) {
                Map<String, String> current = Map.copyOf(tokens);
                current.forEach((name, token) -> ROUTES.forEach((service, path) -> answers.add(
                        call(name, token, service, path))));
                rounds.incrementAndGet();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private Answer call(String name, String token, Service service, String path) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(FrontDoor.URL + path))
                        .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                return new Answer(name, service, response.statusCode(), response.body());
            } catch (IOException e) {
                return new Answer(name, service, -1, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(name, service, -1, "interrupted");
            }
        }
    }
}
