package dev.parley.chat;

import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import dev.parley.chat.support.Chat;
import dev.parley.chat.support.Neighbours;
import dev.parley.chat.support.SessionTokens;
import dev.parley.testing.Database;
import dev.parley.testing.Unique;

/** Devices for push notifications: registered per session, listed without tokens, ten at most, checked on entry. */
@QuarkusTest
class DeviceTest {

    static final String FCM_TOKEN = "fcm-token:APA91b" + "x".repeat(140);
    static final String APNS_TOKEN = "ab".repeat(32);
    // A real P-256 point (the generator) and a 16-byte secret, base64url.
    static final String P256DH = "BGsX0fLhLEJH-Lzm5WOkQPJ3A32BLeszoPShOUXYmMKWT-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfU";
    static final String AUTH = "AAECAwQFBgcICQoLDA0ODw";

    @Inject
    DataSource db;

    @Test
    void aDeviceIsRegisteredListedWithoutItsTokenReplacedAndRemoved() {
        Chat ann = Chat.newUser();
        ann.request().body(fcm(FCM_TOKEN + "1", "app.parley")).put("/v1/devices/phone").then().statusCode(201);
        ann.request().body(webPush("https://push.example.com/send/abc")).put("/v1/devices/laptop-1")
                .then().statusCode(201);
        ann.request().body(Map.of("platform", "apns", "token", APNS_TOKEN.toUpperCase())).put("/v1/devices/phone")
                .then().statusCode(200);

        JsonPath devices = ann.request().get("/v1/devices").then().statusCode(200).body("items", hasSize(2))
                .extract().jsonPath();
        assertThat(devices.getList("items.device_id", String.class)).containsExactlyInAnyOrder("phone", "laptop-1");
        assertThat(devices.getString("items.find { it.device_id == 'phone' }.platform")).isEqualTo("apns");
        assertThat(devices.getString("items.find { it.device_id == 'phone' }.created_at")).isNotNull();
        assertThat(devices.getString("items.find { it.device_id == 'phone' }.last_used_at")).isNotNull();
        assertThat(devices.prettify()).doesNotContain(APNS_TOKEN).doesNotContain("push.example.com")
                .doesNotContain("token");
        assertThat(Database.single(db, "select token from chat.devices where user_id = ? and device_id = 'phone'",
                ann.id())).isEqualTo(APNS_TOKEN);

        ann.request().delete("/v1/devices/phone").then().statusCode(204);
        ann.request().delete("/v1/devices/phone").then().spec(error(404, "Device not found"));
        assertThat(Database.count(db, "select count(*) from chat.devices where user_id = ?", ann.id())).isEqualTo(1);
    }

    @Test
    void nobodyReachesAnotherUsersDevice() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser();
        ann.request().body(fcm(FCM_TOKEN + "2", null)).put("/v1/devices/phone").then().statusCode(201);

        bob.request().delete("/v1/devices/phone").then().spec(error(404, "Device not found"));
        bob.request().get("/v1/devices").then().statusCode(200).body("items", hasSize(0));
        given().contentType(ContentType.JSON).body(fcm(FCM_TOKEN + "2", null)).put("/v1/devices/phone")
                .then().statusCode(401);
        assertThat(Database.count(db, "select count(*) from chat.devices where user_id = ?", ann.id())).isEqualTo(1);
    }

    @Test
    void aTokenRegisteredByAnotherAccountMovesThere() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser();
        ann.request().body(fcm(FCM_TOKEN + "3", null)).put("/v1/devices/phone").then().statusCode(201);
        bob.request().body(fcm(FCM_TOKEN + "3", null)).put("/v1/devices/tablet").then().statusCode(201);

        ann.request().get("/v1/devices").then().statusCode(200).body("items", hasSize(0));
        bob.request().get("/v1/devices").then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void theEleventhDeviceDropsTheLeastRecentlyUsed() {
        Chat ann = Chat.newUser();
        for (int i = 0; i < 10; i++) {
            ann.request().body(fcm(FCM_TOKEN + "lru" + ann.id() + "-" + i, null)).put("/v1/devices/d" + i)
                    .then().statusCode(201);
        }
        // d0 is used again (the app registered it on start), so d1 is now the least recently used.
        ann.request().body(fcm(FCM_TOKEN + "lru" + ann.id() + "-0", null)).put("/v1/devices/d0").then().statusCode(200);
        ann.request().body(fcm(FCM_TOKEN + "lru" + ann.id() + "-10", null)).put("/v1/devices/d10")
                .then().statusCode(201);

        List<String> ids = ann.request().get("/v1/devices").then().statusCode(200).extract().jsonPath()
                .getList("items.device_id", String.class);
        assertThat(ids).hasSize(10).contains("d0", "d10").doesNotContain("d1");
    }

    @Test
    void aDeviceEndsWithTheSessionThatRegisteredIt() {
        long user = Unique.userId();
        long session = Unique.userId();
        long otherSession = session + 1;
        withSession(user, session).body(fcm(FCM_TOKEN + "s" + session, null)).put("/v1/devices/phone")
                .then().statusCode(201);
        withSession(user, otherSession).body(fcm(FCM_TOKEN + "s" + otherSession, null)).put("/v1/devices/tablet")
                .then().statusCode(201);

        Neighbours.accountEvent("session.revoked", Long.toString(session), Map.of("session_id", session, "user_id",
                user, "until", Instant.now().plusSeconds(900).toString()));

        await().atMost(Duration.ofSeconds(10)).until(() -> Database.count(db,
                "select count(*) from chat.devices where user_id = ? and device_id = 'phone'", user) == 0);
        assertThat(Database.column(db, "select device_id from chat.devices where user_id = ?", user))
                .containsExactly("tablet");
    }

    @Test
    void anAccountDeletedTakesItsDevicesAndChoices() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        ann.request().body(fcm(FCM_TOKEN + "del" + ann.id(), null)).put("/v1/devices/phone").then().statusCode(201);
        ann.request().body(Map.of("level", "none")).put("/v1/conversations/" + direct + "/notifications")
                .then().statusCode(200);
        ann.request().body(Map.of("previews", false)).put("/v1/notifications/settings").then().statusCode(200);

        Neighbours.accountEvent("account.deleted", Long.toString(ann.id()), Map.of("user_id", ann.id()));

        await().atMost(Duration.ofSeconds(10)).until(() -> Database.count(db,
                "select count(*) from chat.devices where user_id = ?", ann.id()) == 0);
        assertThat(Database.count(db, "select count(*) from chat.conversation_notifications where user_id = ?",
                ann.id())).isZero();
        assertThat(Database.count(db, "select count(*) from chat.notification_settings where user_id = ?",
                ann.id())).isZero();
    }

    @Test
    void badRegistrationsAreRefusedWithTheReason() {
        Chat ann = Chat.newUser();
        ann.request().body(fcm(FCM_TOKEN, null)).put("/v1/devices/" + "x".repeat(65))
                .then().spec(error(400, "device_id must be 1 to 64 letters, digits, '_' or '-'"));
        ann.request().body(fcm(FCM_TOKEN, null)).put("/v1/devices/a.b")
                .then().spec(error(400, "device_id must be 1 to 64 letters, digits, '_' or '-'"));
        ann.request().body(Map.of("platform", "sms", "token", "x")).put("/v1/devices/phone")
                .then().spec(error(400, "platform must be fcm, apns or webpush"));
        ann.request().body(Map.of("token", FCM_TOKEN)).put("/v1/devices/phone")
                .then().spec(error(400, "expected 'platform' key"));
        ann.request().body(Map.of("platform", "fcm")).put("/v1/devices/phone")
                .then().spec(error(400, "expected 'token' key"));
        ann.request().body(Map.of("platform", "fcm", "token", "short")).put("/v1/devices/phone")
                .then().spec(error(400, "Invalid FCM token"));
        ann.request().body(Map.of("platform", "apns", "token", "xyz".repeat(22))).put("/v1/devices/phone")
                .then().spec(error(400, "Invalid APNs token"));
        ann.request().body(Map.of("platform", "apns", "token", APNS_TOKEN, "app_id", "bad id"))
                .put("/v1/devices/phone")
                .then().spec(error(400, "app_id must be 1 to 255 letters, digits, '.', '_' or '-'"));
        ann.request().body(Map.of("platform", "webpush", "token", FCM_TOKEN)).put("/v1/devices/phone")
                .then().spec(error(400, "webpush devices register a subscription, not a token"));
        assertThat(Database.count(db, "select count(*) from chat.devices where user_id = ?", ann.id())).isZero();
    }

    @Test
    void webPushEndpointsMustBeHttpsOnPublicHosts() {
        Chat ann = Chat.newUser();
        String notHttps = "Invalid Web Push subscription: endpoint must be an https URL";
        String notPublic = "Invalid Web Push subscription: endpoint must be on a public host";
        ann.request().body(webPush("http://push.example.com/abc")).put("/v1/devices/web")
                .then().spec(error(400, notHttps));
        ann.request().body(webPush("not a url")).put("/v1/devices/web").then().spec(error(400, notHttps));
        for (String host : List.of("localhost", "127.0.0.1", "10.1.2.3", "192.168.0.10", "169.254.169.254",
                "[::1]", "[fd00::1]", "chat-service", "db.internal", "printer.local")) {
            ann.request().body(webPush("https://" + host + "/push")).put("/v1/devices/web")
                    .then().spec(error(400, notPublic));
        }
        Map<String, Object> badKey = webPush("https://push.example.com/abc");
        badKey.put("subscription", Map.of("endpoint", "https://push.example.com/abc", "keys",
                Map.of("p256dh", "BAAA", "auth", AUTH)));
        ann.request().body(badKey).put("/v1/devices/web")
                .then().spec(error(400, "Invalid Web Push subscription: p256dh must be a P-256 public key"));
        Map<String, Object> badAuth = webPush("https://push.example.com/abc");
        badAuth.put("subscription", Map.of("endpoint", "https://push.example.com/abc", "keys",
                Map.of("p256dh", P256DH, "auth", "AAEC")));
        ann.request().body(badAuth).put("/v1/devices/web")
                .then().spec(error(400, "Invalid Web Push subscription: auth must be 16 bytes"));
        assertThat(Database.count(db, "select count(*) from chat.devices where user_id = ?", ann.id())).isZero();
    }

    static Map<String, Object> fcm(String token, String appId) {
        Map<String, Object> body = new HashMap<>(Map.of("platform", "fcm", "token", token));
        if (appId != null) {
            body.put("app_id", appId);
        }
        return body;
    }

    static Map<String, Object> webPush(String endpoint) {
        return new HashMap<>(Map.of("platform", "webpush", "subscription",
                Map.of("endpoint", endpoint, "keys", Map.of("p256dh", P256DH, "auth", AUTH))));
    }

    private static RequestSpecification withSession(long user, long session) {
        return given().auth().oauth2(SessionTokens.forSession(user, session)).contentType(ContentType.JSON);
    }
}
