package dev.parley.e2e;

import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

import dev.parley.e2e.support.Database;
import dev.parley.e2e.support.EndToEnd;
import dev.parley.e2e.support.FrontDoor;
import dev.parley.e2e.support.Product.Service;
import dev.parley.e2e.support.RunningProduct;
import dev.parley.e2e.support.Users;

/**
 * Signing up as a new user of the app would: register, read the verification mail from a real SMTP server, follow
 * its link, log in and refresh the session, all through the front door. Once with open registration, once with a
 * whitelist.
 */
@EndToEnd
class RegistrationIT {

    @Test
    void withOpenRegistrationTwoUsersRegisterVerifyByMailLogInAndRefresh() {
        journey(Users.uniqueEmail("ann"), Users.uniqueEmail("bob", "elsewhere.example"));
    }

    @Test
    void withAWhitelistTheListedUsersRegisterVerifyByMailLogInAndRefreshAndNobodyElseGetsIn() throws Exception {
        String ann = Users.uniqueEmail("ann");
        String bob = Users.uniqueEmail("bob", "whitelisted.parley.test");
        String mallory = Users.uniqueEmail("mallory");
        RunningProduct.product().reconfigure(Service.ACCOUNT,
                Map.of("PARLEY_REGISTRATION_WHITELIST", ann.toUpperCase() + ", *@whitelisted.parley.test"));
        try {
            Users.register(mallory, Users.uniqueUsername("mallory")).then().spec(error(400, "Email not whitelisted"));
            Users.register("x@sub.whitelisted.parley.test", Users.uniqueUsername("sub"))
                    .then().spec(error(400, "Email not whitelisted"));

            journey(ann, bob);

            assertThat(Database.number(Service.ACCOUNT, "select count(*) from account.accounts where email = ?",
                    mallory)).isZero();
            assertThat(RunningProduct.product().mail().mailsTo(mallory)).isEmpty();
        } finally {
            RunningProduct.product().reconfigure(Service.ACCOUNT, Map.of());
        }
    }

    /** Both register; each gets one mail, verifies with its link, logs in, refreshes once and uses the new pair. */
    private static void journey(String... emails) {
        for (String email : emails) {
            Users.register(email, Users.uniqueUsername("user")).then().statusCode(201)
                    .body("email", equalTo(email)).body("verified", equalTo(false));
            FrontDoor.request().body(Map.of("email", email, "password", Users.PASSWORD))
                    .post("/v1/accounts/login").then().spec(error(403, "Account not verified"));
        }
        for (String email : emails) {
            Users.verify(email);
            assertThat(RunningProduct.product().mail().mailsTo(email)).hasSize(1);
            assertThat(Database.number(Service.ACCOUNT,
                    "select count(*) from account.accounts where email = ? and verified", email)).isOne();

            JsonPath login = Users.login(email);
            assertThat(login.getString("token_type")).isEqualTo("Bearer");
            FrontDoor.as(login.getString("access_token")).get("/v1/accounts/me")
                    .then().statusCode(200).body("email", equalTo(email)).body("verified", equalTo(true));

            JsonPath refreshed = refresh(login.getString("refresh_token")).then().statusCode(200)
                    .body("refresh_token", not(equalTo(login.getString("refresh_token"))))
                    .extract().jsonPath();
            FrontDoor.as(refreshed.getString("access_token")).get("/v1/accounts/me")
                    .then().statusCode(200).body("email", equalTo(email));
            // The old refresh token is spent: presenting it again is refused, and ends the session.
            refresh(login.getString("refresh_token")).then().spec(error(401, "Invalid refresh token"))
                    .header("WWW-Authenticate", "Bearer");
        }
    }

    private static io.restassured.response.Response refresh(String refreshToken) {
        return FrontDoor.request().body(Map.of("refresh_token", refreshToken)).post("/v1/accounts/token/refresh");
    }
}
