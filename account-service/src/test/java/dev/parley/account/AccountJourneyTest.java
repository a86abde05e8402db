package dev.parley.account;

import static dev.parley.account.support.Mail.mail;
import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import dev.parley.account.support.Users;

/** The whole path a new user takes, through the public API and a real mailbox. */
@QuarkusTest
class AccountJourneyTest {

    @Test
    void registerReadMailVerifyLoginRefreshDetectReuseAndLogOut() {
        String email = Users.uniqueEmail("journey");
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", Users.PASSWORD, "username", Users.uniqueUsername("journey")))
                .post("/v1/accounts/register").then().statusCode(201).body("verified", equalTo(false));

        String link = mail().verificationLink(email);
        given().get(link.substring(link.indexOf("/v1/"))).then().statusCode(200).body("verified", equalTo(true));

        JsonPath first = Users.login(email, Users.PASSWORD);
        given().auth().oauth2(first.getString("access_token")).get("/v1/accounts/me")
                .then().statusCode(200).body("email", equalTo(email));

        JsonPath second = SessionTest.refresh(first.getString("refresh_token")).then().statusCode(200)
                .extract().jsonPath();
        SessionTest.refresh(first.getString("refresh_token")).then().spec(error(401, "Invalid refresh token"));
        SessionTest.refresh(second.getString("refresh_token")).then().spec(error(401, "Invalid refresh token"));

        JsonPath third = Users.login(email, Users.PASSWORD);
        SessionTest.logout(third.getString("refresh_token")).then().statusCode(204);
        SessionTest.refresh(third.getString("refresh_token")).then().spec(error(401, "Invalid refresh token"));
    }
}
