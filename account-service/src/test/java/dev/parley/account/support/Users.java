package dev.parley.account.support;

import static dev.parley.account.support.Mail.mail;
import static io.restassured.RestAssured.given;

import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import dev.parley.testing.Unique;

/** Creates accounts through the public API, as a client would. */
public final class Users {

    public static final String PASSWORD = "correct horse battery";

    private Users() {
    }

    /** A signed-up, verified, logged-in user. */
    public record TestUser(long id, String email, String username, String accessToken, String refreshToken) {
    }

    public static String uniqueEmail(String prefix) {
        return Unique.email(prefix, "example.com").toLowerCase();
    }

    public static String uniqueUsername(String prefix) {
        return Unique.username(prefix);
    }

    public static JsonPath register(String email, String username) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD, "username", username))
                .post("/v1/accounts/register")
                .then().statusCode(201).extract().jsonPath();
    }

    public static void verify(String email) {
        verify(email, 1);
    }

    /** Follows the link in the n-th mail to the address. */
    public static void verify(String email, int nthMail) {
        given().get("/v1/accounts/verify/" + mail().verificationToken(email, nthMail)).then().statusCode(200);
    }

    public static JsonPath login(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/v1/accounts/login")
                .then().statusCode(200).extract().jsonPath();
    }

    public static TestUser verifiedUser(String prefix) {
        String email = uniqueEmail(prefix);
        String username = uniqueUsername(prefix);
        long id = register(email, username).getLong("id");
        verify(email);
        JsonPath tokens = login(email, PASSWORD);
        return new TestUser(id, email, username, tokens.getString("access_token"), tokens.getString("refresh_token"));
    }
}
