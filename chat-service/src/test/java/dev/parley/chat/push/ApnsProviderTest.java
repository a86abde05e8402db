package dev.parley.chat.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;

import dev.parley.chat.client.push.ApnsProvider;
import dev.parley.chat.client.push.PushPayload;
import dev.parley.chat.client.push.PushResult;
import dev.parley.chat.client.push.PushTarget;
import dev.parley.chat.support.Answer;
import dev.parley.chat.support.ApnsStandIn;
import dev.parley.chat.support.RecordedRequest;
import dev.parley.chat.support.TestKeys;
import dev.parley.chat.support.TestPushConfig;

/** APNs over HTTP/2 with token-based authentication, against a stand-in that checks the provider token. */
class ApnsProviderTest {

    private static final String DEVICE = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private static final PushTarget IPHONE = new PushTarget(PushTarget.APNS, DEVICE, null, null, null,
            "dev.parley.app");

    private static Vertx vertx;
    private static ApnsStandIn apns;
    private static ApnsProvider provider;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        apns = ApnsStandIn.start();
        provider = new ApnsProvider(TestPushConfig.unconfigured().withApns(apns, "dev.parley.default"), vertx);
    }

    @AfterAll
    static void stop() {
        apns.close();
        vertx.closeAndAwait();
    }

    @AfterEach
    void forget() {
        assertThat(apns.refusals()).isEmpty();
        apns.clear();
    }

    private static PushResult send(ApnsProvider provider, PushTarget target, PushPayload payload) {
        return provider.send(target, payload).await().atMost(Duration.ofSeconds(10));
    }

    private static PushResult send(PushPayload payload) {
        return send(provider, IPHONE, payload);
    }

    @Test
    void sendsAnAlertOverHttp2WithASignedProviderToken() {
        PushPayload payload = FcmProviderTest.message("Ann", "hello there");
        assertThat(send(payload)).isEqualTo(PushResult.sent());

        RecordedRequest sent = apns.requests().getFirst();
        assertThat(sent.version()).isEqualTo(HttpVersion.HTTP_2);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/3/device/" + DEVICE);
        assertThat(sent.header("authorization")).startsWith("bearer ey");
        assertThat(sent.header("apns-topic")).isEqualTo("dev.parley.app");
        assertThat(sent.header("apns-push-type")).isEqualTo("alert");
        assertThat(sent.header("apns-priority")).isEqualTo("10");
        assertThat(sent.header("apns-collapse-id")).isEqualTo("c42");
        assertThat(sent.header("apns-id")).isEqualTo(payload.id());
        assertThat(Long.parseLong(sent.header("apns-expiration")))
                .isCloseTo(Instant.now().plus(Duration.ofHours(1)).getEpochSecond(), within(60L));
        assertThat(sent.json()).isEqualTo(new JsonObject()
                .put("aps",
                        new JsonObject().put("alert", new JsonObject().put("title", "Ann").put("body", "hello there"))
                                .put("badge", 3).put("sound", "default").put("thread-id", "42")
                                .put("mutable-content", 1))
                .put("push_id", payload.id()).put("conversation_id", 42).put("message_id", 1001).put("seq", 7)
                .put("sender_id", 9));
        String jwt = sent.header("authorization").substring("bearer ".length());
        TestKeys.Verified header = unverified(jwt);
        assertThat(header.header()).isEqualTo(new JsonObject().put("alg", "ES256").put("kid", ApnsStandIn.KEY_ID));
        assertThat(header.claims().fieldNames()).containsExactlyInAnyOrder("iss", "iat");
    }

    @Test
    void withoutPreviewTheAlertIsLocalizedAndASilentPushOnlySetsTheBadge() {
        PushPayload hidden = FcmProviderTest.message(null, null);
        PushPayload silent = new PushPayload(UUID.randomUUID().toString(), "c42", true, 5, 42L, null, null, null,
                null, null);
        assertThat(send(hidden)).isEqualTo(PushResult.sent());
        assertThat(send(silent)).isEqualTo(PushResult.sent());

        JsonObject aps = apns.requests().get(0).json().getJsonObject("aps");
        assertThat(aps.getJsonObject("alert")).isEqualTo(new JsonObject().put("loc-key", "NEW_MESSAGE"));
        RecordedRequest badge = apns.requests().get(1);
        assertThat(badge.json()).isEqualTo(new JsonObject().put("aps", new JsonObject().put("badge", 5)));
        assertThat(badge.header("apns-priority")).isEqualTo("5");
    }

    @Test
    void theConfiguredTopicServesDevicesWithoutAnAppIdAndTheTokenIsReused() {
        PushTarget noApp = new PushTarget(PushTarget.APNS, DEVICE, null, null, null, null);
        assertThat(send(provider, noApp, FcmProviderTest.message("a", "1"))).isEqualTo(PushResult.sent());
        assertThat(send(provider, noApp, FcmProviderTest.message("a", "2"))).isEqualTo(PushResult.sent());

        assertThat(apns.requests()).extracting(r -> r.header("apns-topic")).containsOnly("dev.parley.default");
        assertThat(apns.requests().get(1).header("authorization"))
                .isEqualTo(apns.requests().get(0).header("authorization"));
    }

    @Test
    void deadDeviceTokensAreGone() {
        apns.then(Answer.json(410, new JsonObject().put("reason", "Unregistered").put("timestamp", 1).encode()));
        assertThat(send(FcmProviderTest.message("a", "b"))).isEqualTo(PushResult.gone("Unregistered"));
        apns.then(ApnsStandIn.reason(400, "BadDeviceToken"));
        assertThat(send(FcmProviderTest.message("a", "b"))).isEqualTo(PushResult.gone("BadDeviceToken"));
        apns.then(ApnsStandIn.reason(400, "DeviceTokenNotForTopic"));
        assertThat(send(FcmProviderTest.message("a", "b"))).isEqualTo(PushResult.gone("DeviceTokenNotForTopic"));
        apns.then(ApnsStandIn.reason(400, "PayloadTooLarge"));
        assertThat(send(FcmProviderTest.message("a", "b"))).isEqualTo(PushResult.failed("PayloadTooLarge"));
    }

    @Test
    void anExpiredProviderTokenIsRenewedAndThePushRetried() {
        assertThat(send(FcmProviderTest.message("a", "1"))).isEqualTo(PushResult.sent());
        String first = apns.requests().getFirst().header("authorization");
        apns.then(ApnsStandIn.reason(403, "ExpiredProviderToken"));
        assertThat(send(FcmProviderTest.message("a", "2"))).isEqualTo(PushResult.retry("ExpiredProviderToken", null));
        assertThat(send(FcmProviderTest.message("a", "3"))).isEqualTo(PushResult.sent());

        assertThat(apns.requests().get(1).header("authorization")).isEqualTo(first);
        assertThat(apns.requests().get(2).header("authorization")).isNotEqualTo(first);
    }

    @Test
    void throttlingAndOutagesAreRetriedAfterWhatApnsAsks() {
        apns.then(ApnsStandIn.reason(429, "TooManyRequests").withHeader("Retry-After", "7"));
        assertThat(send(FcmProviderTest.message("a", "b"))).isEqualTo(PushResult.retry("429", Duration.ofSeconds(7)));
        apns.then(ApnsStandIn.reason(503, "ServiceUnavailable"));
        assertThat(send(FcmProviderTest.message("a", "b"))).isEqualTo(PushResult.retry("503", null));
    }

    @Test
    void aProviderTokenSignedWithAnotherKeyIsRefused() {
        String otherKey;
        try (ApnsStandIn other = ApnsStandIn.start()) {
            otherKey = other.privateKeyPem();
        }
        ApnsProvider wrongKey = new ApnsProvider(TestPushConfig.unconfigured()
                .withApns(apns.url(), otherKey, "dev.parley.default"), vertx);

        assertThat(send(wrongKey, IPHONE, FcmProviderTest.message("a", "b")))
                .isEqualTo(PushResult.retry("InvalidProviderToken", null));
        assertThat(apns.refusals()).containsExactly("403: InvalidProviderToken");
        apns.clear();
    }

    private static TestKeys.Verified unverified(String jwt) {
        String[] parts = jwt.split("\\.");
        Base64.Decoder decoder = Base64.getUrlDecoder();
        return new TestKeys.Verified(new JsonObject(new String(decoder.decode(parts[0]))),
                new JsonObject(new String(decoder.decode(parts[1]))));
    }
}
