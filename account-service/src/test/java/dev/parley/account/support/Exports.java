package dev.parley.account.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import dev.parley.account.support.Users.TestUser;
import dev.parley.common.internal.ExportRoute;
import dev.parley.testing.NeighbourStub;

/** A user's data exports through the public API, and the other services' parts of them as their stand-ins answer. */
public final class Exports {

    /** How soon an export is ready at the latest. */
    public static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private Exports() {
    }

    public static Response request(TestUser user) {
        return given().auth().oauth2(user.accessToken()).post("/v1/accounts/me/export");
    }

    public static long requested(TestUser user) {
        return request(user).then().statusCode(202).extract().jsonPath().getLong("id");
    }

    public static Response status(TestUser user, long id) {
        return given().auth().oauth2(user.accessToken()).get("/v1/accounts/me/exports/" + id);
    }

    public static Response download(TestUser user, long id) {
        return given().auth().oauth2(user.accessToken()).get("/v1/accounts/me/exports/" + id + "/download");
    }

    /** Waits until the export is ready, and answers its status then. */
    public static JsonPath awaitReady(TestUser user, long id) {
        await().atMost(READY_WITHIN).pollInterval(Duration.ofMillis(100))
                .until(() -> "ready".equals(status(user, id).path("status")));
        return status(user, id).then().statusCode(200).extract().jsonPath();
    }

    /** The neighbour answers this part for the user. */
    public static void part(NeighbourStub neighbour, TestUser user, String json) {
        neighbour.stubFor(get(urlEqualTo(ExportRoute.pathOf(user.id()))).willReturn(okJson(json)));
    }

    /** The neighbour answers 503 for the user's part. */
    public static void unavailable(NeighbourStub neighbour, TestUser user) {
        neighbour.stubFor(get(urlEqualTo(ExportRoute.pathOf(user.id()))).willReturn(unavailable()));
    }

    private static ResponseDefinitionBuilder unavailable() {
        return aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"message\": \"Service unavailable\", \"status\": 503, "
                        + "\"type\": \"Service Unavailable\"}}");
    }
}
