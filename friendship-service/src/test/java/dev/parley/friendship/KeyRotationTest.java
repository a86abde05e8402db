package dev.parley.friendship;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.parley.friendship.support.AccountServiceStub;
import dev.parley.friendship.support.Users;
import dev.parley.friendship.support.Users.TestUser;
import dev.parley.testing.TestTokens;

@QuarkusTest
class KeyRotationTest {

    private static final String JWKS = "/.well-known/jwks.json";

    @AfterEach
    void backToOneKey() {
        AccountServiceStub.reset();
    }

    @Test
    void aNewlyPublishedKeyIsAcceptedAlongsideTheOldOneWithoutARestart() throws Exception {
        TestUser user = Users.create();
        String next = TestTokens.signedWithNextKey(user.id());
        given().auth().oauth2(next).get("/v1/friendships").then().spec(error(401, "Invalid or expired access token"));

        AccountServiceStub.server().stubFor(get(urlEqualTo(JWKS)).willReturn(okJson(TestTokens.jwksWithNextKey())));

        assertThat(statusWithin(next, Duration.ofSeconds(10))).isEqualTo(200);
        given().auth().oauth2(user.token()).get("/v1/friendships").then().statusCode(200);
    }

    @Test
    void tokensNamingUnknownKeysFetchTheKeySetAtMostOncePerInterval() {
        // Signed beforehand: each token's key is generated, which on a busy machine takes longer than a request.
        List<String> tokens = IntStream.range(0, 20)
                .mapToObj(i -> TestTokens.signedWithUnknownKey(Users.create().id())).toList();
        AccountServiceStub.reset();
        for (String token : tokens) {
            given().auth().oauth2(token).get("/v1/friendships").then().statusCode(401);
        }
        // The interval is 1 s in tests (30 s by default); twenty refusals take far less than two intervals.
        int fetches = AccountServiceStub.server().count(getRequestedFor(urlEqualTo(JWKS)));
        assertThat(fetches).isBetween(1, 2);
    }

    private static int statusWithin(String token, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        int status;
        do {
            status = given().auth().oauth2(token).get("/v1/friendships").statusCode();
            if (status == 200) {
                return status;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return status;
    }
}
