package dev.parley.chat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;

import dev.parley.chat.support.Answer;
import dev.parley.chat.support.ApnsStandIn;
import dev.parley.chat.support.Chat;
import dev.parley.chat.support.FcmStandIn;
import dev.parley.chat.support.Phones;
import dev.parley.chat.support.PushStandIns;
import dev.parley.chat.support.RecordedRequest;
import dev.parley.chat.support.WebPushSubscriber;
import dev.parley.testing.Database;

/**
 * Pushes as each provider receives them from a message sent through the API: APNs over HTTP/2 with its token, Web
 * Push encrypted for the subscription, dead tokens removing their device, and retries keeping the push's id.
 */
@QuarkusTest
class PushDeliveryTest {

    @Inject
    DataSource db;

    @Test
    void apnsGetsTheMessageOverHttp2WithTopicCollapseIdAndThePushId() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        String token = UUID.randomUUID().toString().replace("-", "").repeat(2);
        bob.request().body(Map.of("platform", "apns", "token", token)).put("/v1/devices/iphone").then().statusCode(201);

        long seq = ann.sent(direct, "See you at noon");

        RecordedRequest push = awaitRequests(() -> PushStandIns.apns().requests("/3/device/" + token), 1).get(0);
        assertThat(push.method()).isEqualTo("POST");
        assertThat(push.version()).isEqualTo(HttpVersion.HTTP_2);
        assertThat(push.header("authorization")).startsWith("bearer ");
        assertThat(push.header("apns-topic")).isEqualTo(PushStandIns.APNS_TOPIC);
        assertThat(push.header("apns-push-type")).isEqualTo("alert");
        assertThat(push.header("apns-collapse-id")).isEqualTo("c" + direct);
        JsonObject body = push.json();
        assertThat(body.getJsonObject("aps").getJsonObject("alert").getString("body")).isEqualTo("See you at noon");
        assertThat(body.getJsonObject("aps").getInteger("badge")).isEqualTo(1);
        assertThat(body.getValue("seq").toString()).isEqualTo(Long.toString(seq));
        assertThat(push.header("apns-id")).isEqualTo(body.getString("push_id"));
        assertThat(PushStandIns.apns().refusals()).isEmpty();
    }

    @Test
    void webPushIsEncryptedForTheSubscriptionAndReadByIt() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long group = ann.group("Climbing", bob);
        WebPushSubscriber browser = new WebPushSubscriber();
        String endpoint = PushStandIns.webPush().endpoint(UUID.randomUUID().toString());
        bob.request().body(Map.of("platform", "webpush", "subscription", Map.of("endpoint", endpoint, "keys",
                Map.of("p256dh", browser.p256dh(), "auth", browser.auth())))).put("/v1/devices/browser")
                .then().statusCode(201);

        ann.sent(group, "Bouldering tonight ✨");

        RecordedRequest push = awaitRequests(() -> PushStandIns.webPush().requests(endpoint.substring(
                PushStandIns.webPush().url().length())), 1).get(0);
        assertThat(push.header("Content-Encoding")).isEqualTo("aes128gcm");
        assertThat(push.header("Topic")).isEqualTo("c" + group);
        assertThat(push.text()).doesNotContain("Bouldering");
        JsonObject payload = new JsonObject(browser.decrypt(push.body()));
        assertThat(payload.getString("body")).isEqualTo("Bouldering tonight ✨");
        assertThat(payload.getString("title")).isEqualTo("Climbing");
        assertThat(payload.getLong("conversation_id")).isEqualTo(group);
        assertThat(payload.getInteger("badge")).isEqualTo(1);
        assertThat(PushStandIns.webPush().refusals()).isEmpty();
    }

    @Test
    void aTokenTheProviderCallsDeadRemovesItsDevice() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        String phone = Phones.register(bob);
        PushStandIns.fcm().then(Answer.json(404, FcmStandIn.error(404, "NOT_FOUND", "Requested entity was not found.",
                "UNREGISTERED")));

        ann.sent(direct, "Anyone there?");

        Phones.awaitPushes(phone, 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> Database.count(db,
                "select count(*) from chat.devices where user_id = ?", bob.id()) == 0);
        assertThat(Database.count(db, "select count(*) from chat.push_outbox where user_id = ?", bob.id())).isZero();
        bob.request().get("/v1/devices").then().statusCode(200);
    }

    @Test
    void aThrottledPushIsSentAgainAfterRetryAfterUnderTheSameId() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        String phone = Phones.register(bob);
        PushStandIns.fcm().then(Answer.status(429).withHeader("Retry-After", "2"));
        PushStandIns.fcm().then(Answer.status(503));

        ann.sent(direct, "Third time lucky");

        await().atMost(Duration.ofSeconds(15)).until(() -> Phones.pushesTo(phone).size() == 3);
        List<RecordedRequest> sends = PushStandIns.fcm().sends().stream()
                .filter(request -> phone.equals(request.json().getJsonObject("message").getString("token")))
                .toList();
        assertThat(sends).extracting(send -> send.json().getJsonObject("message").getJsonObject("data")
                .getString("push_id")).containsOnly(Phones.data(Phones.pushesTo(phone).get(0)).getString("push_id"));
        await().atMost(Duration.ofSeconds(5)).until(() -> Database.count(db,
                "select count(*) from chat.push_outbox where user_id = ?", bob.id()) == 0);
        assertThat(Database.count(db, "select count(*) from chat.devices where user_id = ?", bob.id())).isEqualTo(1);
        assertThat(Duration.between(sends.get(0).receivedAt(), sends.get(1).receivedAt()))
                .as("the second attempt waited for Retry-After").isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void anApnsTokenAnsweredGoneIsRemovedToo() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        String token = UUID.randomUUID().toString().replace("-", "").repeat(2);
        bob.request().body(Map.of("platform", "apns", "token", token)).put("/v1/devices/iphone").then().statusCode(201);
        PushStandIns.apns().then(ApnsStandIn.reason(410, "Unregistered"));

        ann.sent(direct, "Hello?");

        await().atMost(Duration.ofSeconds(5)).until(() -> Database.count(db,
                "select count(*) from chat.devices where user_id = ?", bob.id()) == 0);
        assertThat(PushStandIns.apns().requests("/3/device/" + token)).hasSize(1);
        assertThat(metrics()).contains("parley_push_failed_total{provider=\"apns\",reason=\"Unregistered\"");
    }

    @Test
    void metricsCountPushesByProviderAndShowTheQueue() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        String phone = Phones.register(bob);

        ann.sent(direct, "Counted");
        Phones.awaitPushes(phone, 1);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(metrics())
                .contains("parley_push_sent_total{provider=\"fcm\",reason=\"ok\"")
                .contains("parley_push_queue_depth 0.0").contains("parley_push_oldest_age_seconds 0.0"));
    }

    private static String metrics() {
        return given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static List<RecordedRequest> awaitRequests(Supplier<List<RecordedRequest>> requests,
            int count) {
        await().atMost(Phones.PUSH_WAIT).until(() -> requests.get().size() >= count);
        return requests.get();
    }
}
