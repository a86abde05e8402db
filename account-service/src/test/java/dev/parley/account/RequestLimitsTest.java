package dev.parley.account;

import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import dev.parley.account.support.Addresses;
import dev.parley.account.support.Users;

@QuarkusTest
@TestProfile(RequestLimitsTest.TwoAnHour.class)
class RequestLimitsTest {

    /** Every route open to anyone takes two requests an hour from one address. */
    public static class TwoAnHour implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "parley.limits.registrations-per-address", "2/1h",
                    "parley.limits.logins-per-address", "2/1h",
                    "parley.limits.verifications-per-address", "2/1h",
                    "parley.limits.resends-per-address", "2/1h",
                    "parley.limits.forgots-per-address", "2/1h",
                    "parley.limits.resets-per-address", "2/1h");
        }
    }

    @Test
    void registrationsAreLimitedPerAddress() {
        limitedPerAddress(201, address -> from(address).body(Map.of("email", Users.uniqueEmail("limit"),
                "password", Users.PASSWORD, "username", Users.uniqueUsername("limit")))
                .post("/v1/accounts/register"));
    }

    @Test
    void loginsAreLimitedPerAddress() {
        limitedPerAddress(401, address -> from(address)
                .body(Map.of("email", Users.uniqueEmail("nobody"), "password", Users.PASSWORD))
                .post("/v1/accounts/login"));
    }

    @Test
    void verificationsAreLimitedPerAddress() {
        limitedPerAddress(400, address -> from(address).get("/v1/accounts/verify/not.a.token"));
    }

    @Test
    void resendsAreLimitedPerAddress() {
        limitedPerAddress(202, address -> from(address).body(Map.of("email", Users.uniqueEmail("nobody")))
                .post("/v1/accounts/verify/resend"));
    }

    @Test
    void forgottenPasswordsAreLimitedPerAddress() {
        limitedPerAddress(202, address -> from(address).body(Map.of("email", Users.uniqueEmail("nobody")))
                .post("/v1/accounts/password/forgot"));
    }

    @Test
    void passwordResetsAreLimitedPerAddress() {
        limitedPerAddress(400, address -> from(address)
                .body(Map.of("token", "not-a-token", "password", Users.PASSWORD))
                .post("/v1/accounts/password/reset"));
    }

    @Test
    void aRequestRefusedForItsShapeIsNotCounted() {
        String address = Addresses.unique();
        for (int i = 0; i < 3; i++) {
            from(address).body(Map.of()).post("/v1/accounts/verify/resend")
                    .then().spec(error(400, "expected 'email' key"));
        }
        from(address).body(Map.of("email", Users.uniqueEmail("nobody"))).post("/v1/accounts/verify/resend")
                .then().statusCode(202);
    }

    @Test
    void theLimitedRoutesDocumentTheirAnswersIncludingTooManyRequests() {
        JsonPath document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        for (String operation : List.of("'/v1/accounts/register'.post", "'/v1/accounts/login'.post",
                "'/v1/accounts/verify/{token}'.get", "'/v1/accounts/verify/resend'.post",
                "'/v1/accounts/password/forgot'.post", "'/v1/accounts/password/reset'.post")) {
            Map<String, Object> responses = document.getMap("paths." + operation + ".responses");
            assertThat(responses.keySet()).as(operation).contains("429").containsAnyOf("200", "201", "202", "204");
        }
    }

    /** Two requests from one address are served, the third is refused until the hour is over; others still pass. */
    private static void limitedPerAddress(int served, Function<String, Response> request) {
        String address = Addresses.unique();
        request.apply(address).then().statusCode(served);
        request.apply(address).then().statusCode(served);

        Response refused = request.apply(address);

        refused.then().spec(error(429, "Too many requests; try again later"));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(3500L, 3600L);
        request.apply(Addresses.unique()).then().statusCode(served);
    }

    private static RequestSpecification from(String address) {
        return given().header(Addresses.FORWARDED_FOR, address).contentType(ContentType.JSON);
    }
}
