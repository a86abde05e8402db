package dev.parley.account.packaged;

import static dev.parley.account.support.Mail.mail;
import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

import dev.parley.account.support.Users;

/**
 * The packaged artifact as it ships (the JVM fast-jar here, the native executable where one is built), in the
 * production profile: it starts, migrates, serves its API in the common envelope and publishes its keys.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedDatabase.class)
class PackagedAccountServiceIT {

    @Test
    void theShippedArtifactServesHealthKeysAndTheApi() {
        // Ready once the revoked sessions are read: an empty feed answers after one long poll.
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/.well-known/jwks.json").then().statusCode(200).body("keys", hasSize(1));
        given().contentType(ContentType.JSON).body(Map.of()).post("/v1/accounts/register")
                .then().spec(error(400, "expected 'email' key"));
        given().get("/v1/accounts/me").then().spec(error(401, "Authentication required"));
    }

    @Test
    void productionServesNoApiDocumentationUnlessAsked() {
        given().get("/q/openapi").then().statusCode(404);
        given().get("/q/swagger-ui").then().statusCode(404);
    }

    @Test
    void aNewUserCanRegisterVerifyAndLogIn() {
        String email = Users.uniqueEmail("packaged");
        Users.register(email, Users.uniqueUsername("packaged"));
        given().get("/v1/accounts/verify/" + mail().verificationToken(email, 1)).then().statusCode(200)
                .body("verified", equalTo(true));
        given().auth().oauth2(Users.login(email, Users.PASSWORD).getString("access_token")).get("/v1/accounts/me")
                .then().statusCode(200).body("email", equalTo(email));
    }
}
