package dev.parley.account;

import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import dev.parley.account.support.Users;

@QuarkusTest
@TestProfile(WhitelistTest.Whitelisted.class)
class WhitelistTest {

    /** Registration limited to one address and one domain. */
    public static class Whitelisted implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.registration.whitelist", " alice@example.com , *@Parley.Test ");
        }
    }

    @Test
    void exactAddressOnTheWhitelistMayRegisterInAnyCase() {
        register("ALICE@example.com").then().statusCode(201);
    }

    @Test
    void anyAddressOfAWhitelistedDomainMayRegister() {
        register(Users.uniqueEmail("bob").replace("@example.com", "@parley.test")).then().statusCode(201);
    }

    @Test
    void everyoneElseIsRefused() {
        register(Users.uniqueEmail("mallory")).then().spec(error(400, "Email not whitelisted"));
        register("someone@sub.parley.test").then().spec(error(400, "Email not whitelisted"));
        register("alice@example.com.evil.io").then().spec(error(400, "Email not whitelisted"));
    }

    private static io.restassured.response.Response register(String email) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", Users.PASSWORD, "username", Users.uniqueUsername("wl")))
                .post("/v1/accounts/register");
    }
}
