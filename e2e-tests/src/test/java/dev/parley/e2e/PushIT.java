package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import dev.parley.e2e.support.EndToEnd;
import dev.parley.e2e.support.FrontDoor;
import dev.parley.e2e.support.RunningProduct;
import dev.parley.e2e.support.Social;
import dev.parley.e2e.support.User;
import dev.parley.e2e.support.Users;

/**
 * Push notifications through the front door with no provider configured, as under {@code scripts/run.sh}: a phone's
 * pushes are written to chat-service's log (the preview only while previews are on), and the phone's session ending
 * at account-service removes it at chat-service.
 */
@EndToEnd
class PushIT {

    @Test
    void anOfflineFriendsPhoneGetsPushesInTheLogUntilItsSessionEnds() throws Exception {
        User ann = Users.verifiedUser("ann");
        User bob = Users.verifiedUser("bob");
        Social.befriend(ann, bob);
        long direct = Social.direct(ann, bob);
        JsonPath phone = Users.login(bob.email());
        String device = "bobs-phone-" + bob.id();
        String endpoint = "https://push.example.com/send/" + device;
        asPhone(phone).body(Map.of("platform", "webpush", "subscription", Map.of("endpoint", endpoint, "keys",
                Map.of("p256dh",
                        "BGsX0fLhLEJH-Lzm5WOkQPJ3A32BLeszoPShOUXYmMKWT-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfU",
                        "auth", "AAECAwQFBgcICQoLDA0ODw"))))
                .put("/v1/devices/" + device).then().statusCode(201);

        Social.sent(ann, direct, "Lunch at one? " + device);
        await().atMost(Duration.ofSeconds(5)).until(() -> pushLines(direct) == 1);
        assertThat(chatLog()).contains("Lunch at one? " + device);

        bob.request().body(Map.of("previews", false)).put("/v1/notifications/settings").then().statusCode(200);
        Social.sent(ann, direct, "The code is 4711 " + device);
        await().atMost(Duration.ofSeconds(5)).until(() -> pushLines(direct) == 2);
        assertThat(chatLog()).doesNotContain("4711 " + device);

        FrontDoor.request().body(Map.of("refresh_token", phone.getString("refresh_token")))
                .post("/v1/accounts/logout").then().statusCode(204);
        await().atMost(Duration.ofSeconds(5)).until(() -> bob.request().get("/v1/devices").then().statusCode(200)
                .extract().jsonPath().getList("items").isEmpty());
    }

    private static RequestSpecification asPhone(JsonPath session) {
        return FrontDoor.request().auth().oauth2(session.getString("access_token"));
    }

    // The log's lines may be JSON, with the payload's quotes escaped.
    private static long pushLines(long conversation) throws Exception {
        return chatLog().lines().map(line -> line.replace("\\\"", "\""))
                .filter(line -> line.contains("to webpush device")
                        && line.contains("\"conversation_id\":" + conversation + ","))
                .count();
    }

    private static String chatLog() throws Exception {
        Path log = RunningProduct.product().logs().resolve("chat-service.log");
        return Files.readString(log);
    }
}
