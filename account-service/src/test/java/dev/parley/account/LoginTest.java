package dev.parley.account;

import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import dev.parley.account.support.Addresses;
import dev.parley.account.support.Limits;
import dev.parley.account.support.Users;
import dev.parley.testing.Database;

@QuarkusTest
class LoginTest {

    @Inject
    DataSource db;

    @Test
    void loginAnswersABearerPairWhoseAccessTokenCarriesTheAgreedClaims() {
        String email = Users.uniqueEmail("login");
        long id = Users.register(email, Users.uniqueUsername("login")).getLong("id");
        Users.verify(email);

        JsonPath pair = login(email, Users.PASSWORD).then().statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(900))
                .body("access_token", notNullValue())
                .body("refresh_token", notNullValue())
                .extract().jsonPath();

        JsonPath header = decode(pair.getString("access_token"), 0);
        JsonPath claims = decode(pair.getString("access_token"), 1);
        assertThat(header.getString("alg")).isEqualTo("RS256");
        assertThat(header.getString("kid")).isNotBlank();
        assertThat(claims.getString("iss")).isEqualTo("parley");
        assertThat(claims.getString("sub")).isEqualTo(Long.toString(id));
        assertThat(claims.getString("upn")).isEqualTo(email);
        assertThat(claims.getList("groups")).containsExactly("user");
        assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(900);
        assertThat(claims.getString("jti")).isNotBlank();
        // 256 random bits, base64url without padding.
        assertThat(pair.getString("refresh_token")).hasSize(43);
        assertThat(Database.count(db, "select count(*) from account.sessions where account_id = ?", id)).isEqualTo(1);
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        String email = Users.uniqueEmail("wrong");
        Users.register(email, Users.uniqueUsername("wrong"));
        Users.verify(email);
        login(email, "not the password").then().spec(error(401, "Invalid email or password"))
                .header("WWW-Authenticate", "Bearer");
        login("nobody-" + email, Users.PASSWORD).then().spec(error(401, "Invalid email or password"));
        assertThat(Limits.hits(db, "login-failures-per-email", email)).isEqualTo(1);
        assertThat(Limits.hits(db, "login-failures-per-email", "nobody-" + email)).isEqualTo(1);
    }

    @Test
    void unverifiedAccountCannotLogIn() {
        String email = Users.uniqueEmail("unverified");
        Users.register(email, Users.uniqueUsername("unverified"));
        login(email, Users.PASSWORD).then().spec(error(403, "Account not verified"));
    }

    @Test
    void missingCredentialsAreNamed() {
        given().contentType(ContentType.JSON).body(Map.of("password", "x")).post("/v1/accounts/login")
                .then().spec(error(400, "expected 'email' key"));
        given().contentType(ContentType.JSON).body(Map.of("email", "x@example.com")).post("/v1/accounts/login")
                .then().spec(error(400, "expected 'password' key"));
    }

    @Test
    void loginsAreCountedByOutcome() {
        String email = Users.uniqueEmail("metric");
        Users.register(email, Users.uniqueUsername("metric"));
        Users.verify(email);
        login(email, Users.PASSWORD).then().statusCode(200);
        login(email, "wrong password").then().statusCode(401);
        String metrics = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("parley_logins_total\\{[^}]*outcome=\"success\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("parley_logins_total\\{[^}]*outcome=\"invalid_credentials\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("parley_registrations_total(\\{[^}]*})? [1-9]");
    }

    static Response login(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/v1/accounts/login");
    }

    static Response loginFrom(String address, String email, String password) {
        return given().header(Addresses.FORWARDED_FOR, address).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password)).post("/v1/accounts/login");
    }

    static JsonPath decode(String jwt, int part) {
        return new JsonPath(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[part]), StandardCharsets.UTF_8));
    }
}
