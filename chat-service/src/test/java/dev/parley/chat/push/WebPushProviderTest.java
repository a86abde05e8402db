package dev.parley.chat.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;

import dev.parley.chat.client.push.PushPayload;
import dev.parley.chat.client.push.PushResult;
import dev.parley.chat.client.push.PushResult.Outcome;
import dev.parley.chat.client.push.PushTarget;
import dev.parley.chat.client.push.WebPushProvider;
import dev.parley.chat.support.Answer;
import dev.parley.chat.support.RecordedRequest;
import dev.parley.chat.support.TestPushConfig;
import dev.parley.chat.support.WebPushStandIn;
import dev.parley.chat.support.WebPushSubscriber;

/** Web Push with VAPID, decrypted end to end by a subscriber that holds the subscription's keys. */
class WebPushProviderTest {

    private static Vertx vertx;
    private static WebPushStandIn pushService;
    private static WebPushProvider provider;
    private final WebPushSubscriber browser = new WebPushSubscriber();
    private final PushTarget subscription = new PushTarget(PushTarget.WEBPUSH, null,
            pushService.endpoint("sub-" + UUID.randomUUID()), browser.p256dh(), browser.auth(), null);

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        pushService = WebPushStandIn.start();
        provider = new WebPushProvider(TestPushConfig.unconfigured().withWebPush(pushService), vertx);
    }

    @AfterAll
    static void stop() {
        pushService.close();
        vertx.closeAndAwait();
    }

    @AfterEach
    void forget() {
        assertThat(pushService.refusals()).isEmpty();
        pushService.clear();
    }

    private PushResult send(PushPayload payload) {
        return provider.send(subscription, payload).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void theSubscriberDecryptsWhatWasSent() {
        PushPayload payload = FcmProviderTest.message("Ann", "hello there");
        assertThat(send(payload)).isEqualTo(PushResult.sent());

        RecordedRequest sent = pushService.requests().getFirst();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo(subscription.endpoint().substring(pushService.url().length()));
        assertThat(sent.header("Authorization")).startsWith("vapid t=ey")
                .endsWith(", k=" + pushService.vapidPublicKey());
        assertThat(sent.header("Content-Encoding")).isEqualTo("aes128gcm");
        assertThat(sent.header("TTL")).isEqualTo("3600");
        assertThat(sent.header("Topic")).isEqualTo("c42");
        assertThat(sent.header("Urgency")).isEqualTo("high");
        assertThat(sent.text()).doesNotContain("hello");
        assertThat(new JsonObject(browser.decrypt(sent.body()))).isEqualTo(new JsonObject().put("id", payload.id())
                .put("conversation_id", 42).put("message_id", 1001).put("seq", 7).put("sender_id", 9).put("badge", 3)
                .put("silent", false).put("title", "Ann").put("body", "hello there"));
    }

    @Test
    void aSilentPushIsNormalUrgencyAndSaysSo() {
        PushPayload silent = new PushPayload(UUID.randomUUID().toString(), "c42", true, 0, null, null, null, null,
                null, null);
        assertThat(send(silent)).isEqualTo(PushResult.sent());

        RecordedRequest sent = pushService.requests().getFirst();
        assertThat(sent.header("Urgency")).isEqualTo("normal");
        assertThat(new JsonObject(browser.decrypt(sent.body())))
                .isEqualTo(new JsonObject().put("id", silent.id()).put("badge", 0).put("silent", true));
    }

    @Test
    void aCollapseKeyOutsideTheTopicAlphabetBecomesAStableTopic() {
        PushPayload payload = new PushPayload(UUID.randomUUID().toString(), "conversation:42/with spaces", false, 1,
                42L, 1L, 1L, 1L, null, null);
        assertThat(send(payload)).isEqualTo(PushResult.sent());
        assertThat(send(payload)).isEqualTo(PushResult.sent());

        String topic = pushService.requests().get(0).header("Topic");
        assertThat(topic).matches("[A-Za-z0-9_-]{32}");
        assertThat(pushService.requests().get(1).header("Topic")).isEqualTo(topic);
    }

    @Test
    void answersOfThePushServiceMapToResults() {
        pushService.then(Answer.status(410));
        assertThat(send(FcmProviderTest.message("a", "b"))).isEqualTo(PushResult.gone("410"));
        pushService.then(Answer.status(404));
        assertThat(send(FcmProviderTest.message("a", "b"))).isEqualTo(PushResult.gone("404"));
        pushService.then(Answer.status(202));
        assertThat(send(FcmProviderTest.message("a", "b"))).isEqualTo(PushResult.sent());
        pushService.then(Answer.status(413));
        assertThat(send(FcmProviderTest.message("a", "b"))).isEqualTo(PushResult.failed("413"));
        pushService.then(Answer.status(502));
        assertThat(send(FcmProviderTest.message("a", "b"))).isEqualTo(PushResult.retry("502", null));
    }

    @Test
    void aThrottledPushIsRetriedAtTheDateThePushServiceGives() {
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        pushService.then(Answer.status(429).withHeader("Retry-After", inAMinute));
        PushResult result = send(FcmProviderTest.message("a", "b"));

        assertThat(result.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(result.reason()).isEqualTo("429");
        assertThat(result.retryAfter()).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
    }

    @Test
    void anotherApplicationServerKeyIsRefusedByThePushService() {
        WebPushStandIn other = WebPushStandIn.start();
        other.close();
        WebPushProvider wrongKeys = new WebPushProvider(TestPushConfig.unconfigured().withWebPush(other), vertx);

        assertThat(wrongKeys.send(subscription, FcmProviderTest.message("a", "b")).await()
                .atMost(Duration.ofSeconds(10))).isEqualTo(PushResult.failed("401"));
        assertThat(pushService.refusals()).singleElement().asString().startsWith("401: authorization vapid t=");
        pushService.clear();
    }

    @Test
    void aSubscriptionWithUnusableKeysFailsWithoutARequest() {
        PushTarget broken = new PushTarget(PushTarget.WEBPUSH, null, subscription.endpoint(), "AAAA",
                browser.auth(), null);
        assertThat(provider.send(broken, FcmProviderTest.message("a", "b")).await().atMost(Duration.ofSeconds(10)))
                .isEqualTo(PushResult.failed("invalid_subscription"));
        assertThat(pushService.requests()).isEmpty();
    }
}
