package dev.parley.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import dev.parley.testing.Unique;

/** Signs users up through the front door and their mailbox, as the app would. */
public final class Users {

    public static final String PASSWORD = "correct horse battery staple";
    public static final String DOMAIN = "e2e.parley.test";

    private Users() {
    }

    public static String uniqueEmail(String name) {
        return uniqueEmail(name, DOMAIN);
    }

    public static String uniqueEmail(String name, String domain) {
        return Unique.email(name, domain);
    }

    public static String uniqueUsername(String name) {
        return Unique.username(name);
    }

    /** Registers from the person's own network address, as people sign up from their own phones. */
    public static Response register(String email, String username) {
        return FrontDoor.request().header("X-Forwarded-For", homeAddressOf(email))
                .body(Map.of("email", email, "password", PASSWORD, "username", username))
                .post("/v1/accounts/register");
    }

    /** Follows the link of the verification mail, the way a mail client opens it; the account is verified. */
    public static void verify(String email) {
        String link = RunningProduct.product().mail().verificationLink(email);
        assertThat(link).startsWith(Product.PUBLIC_URL + "/v1/accounts/verify/");
        FrontDoor.request().urlEncodingEnabled(false).get(link.substring(Product.PUBLIC_URL.length()))
                .then().statusCode(200).body("email", equalTo(email)).body("verified", equalTo(true));
    }

    public static JsonPath login(String email) {
        return FrontDoor.request().header("X-Forwarded-For", homeAddressOf(email))
                .body(Map.of("email", email, "password", PASSWORD)).post("/v1/accounts/login")
                .then().statusCode(200).extract().jsonPath();
    }

    // The proxy runs on this machine, so it appends 127.0.0.1 (a trusted proxy) and the services take this address.
    private static String homeAddressOf(String email) {
        int hash = email.hashCode() & 0xFFFF;
        return "198.18." + (hash >> 8) + "." + (hash & 0xFF);
    }

    /** A user who registered, verified by mail and logged in. */
    public static User verifiedUser(String name) {
        return verifiedUsers(name).get(0);
    }

    /** Several at once: all register first, so their mails travel together. */
    public static List<User> verifiedUsers(String... names) {
        List<String[]> registered = new ArrayList<>();
        for (String name : names) {
            String email = uniqueEmail(name);
            String username = uniqueUsername(name);
            register(email, username).then().statusCode(201);
            registered.add(new String[]{email, username});
        }
        List<User> users = new ArrayList<>();
        for (String[] account : registered) {
            verify(account[0]);
            JsonPath tokens = login(account[0]);
            long id = FrontDoor.as(tokens.getString("access_token")).get("/v1/accounts/me")
                    .then().statusCode(200).extract().jsonPath().getLong("id");
            users.add(new User(id, account[0], account[1], tokens.getString("access_token"),
                    tokens.getString("refresh_token")));
        }
        return users;
    }
}
