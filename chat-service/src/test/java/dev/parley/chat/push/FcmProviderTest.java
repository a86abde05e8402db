package dev.parley.chat.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;

import dev.parley.chat.client.push.FcmProvider;
import dev.parley.chat.client.push.PushPayload;
import dev.parley.chat.client.push.PushResult;
import dev.parley.chat.client.push.PushResult.Outcome;
import dev.parley.chat.client.push.PushTarget;
import dev.parley.chat.support.Answer;
import dev.parley.chat.support.FcmStandIn;
import dev.parley.chat.support.RecordedRequest;
import dev.parley.chat.support.TestPushConfig;

/** FCM HTTP v1 against a stand-in of Google's token endpoint and FCM. */
class FcmProviderTest {

    private static final PushTarget PHONE = new PushTarget(PushTarget.FCM, "fcm-token-1", null, null, null, null);

    private static Vertx vertx;
    private static FcmStandIn fcm;
    private FcmProvider provider;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        fcm = FcmStandIn.start();
    }

    @AfterAll
    static void stop() {
        fcm.close();
        vertx.closeAndAwait();
    }

    @AfterEach
    void forget() {
        assertThat(fcm.refusals()).isEmpty();
        fcm.clear();
    }

    private FcmProvider provider() {
        if (provider == null) {
            provider = new FcmProvider(TestPushConfig.unconfigured().withFcm(fcm), vertx);
        }
        return provider;
    }

    private static PushResult send(FcmProvider provider, PushPayload payload) {
        return provider.send(PHONE, payload).await().atMost(Duration.ofSeconds(10));
    }

    static PushPayload message(String title, String body) {
        return new PushPayload(UUID.randomUUID().toString(), "c42", false, 3, 42L, 1001L, 7L, 9L, title, body);
    }

    @Test
    void sendsTheMessageWithAnAccessTokenOfTheServiceAccount() {
        PushPayload payload = message("Ann", "hello there");
        assertThat(send(provider(), payload)).isEqualTo(PushResult.sent());

        assertThat(provider().configured()).isTrue();
        assertThat(fcm.requests(FcmStandIn.TOKEN_PATH)).hasSize(1);
        RecordedRequest token = fcm.requests(FcmStandIn.TOKEN_PATH).getFirst();
        assertThat(token.method()).isEqualTo("POST");
        assertThat(token.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        RecordedRequest sent = fcm.sends().getFirst();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/projects/parley-test/messages:send");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer ya29.test-" + fcm.exchanges());
        assertThat(sent.json()).isEqualTo(new JsonObject().put("message", new JsonObject()
                .put("token", "fcm-token-1")
                .put("data", new JsonObject().put("push_id", payload.id()).put("conversation_id", "42")
                        .put("message_id", "1001").put("seq", "7").put("sender_id", "9").put("badge", "3")
                        .put("title", "Ann").put("body", "hello there"))
                .put("android", new JsonObject().put("collapse_key", "c42").put("priority", "HIGH")
                        .put("ttl", "3600s"))
                .put("notification", new JsonObject().put("body", "hello there").put("title", "Ann"))));
    }

    @Test
    void withoutPreviewOrSilentNoNotificationIsShownByFcm() {
        PushPayload hidden = message(null, null);
        PushPayload silent = new PushPayload(UUID.randomUUID().toString(), "c42", true, 0, 42L, null, null, null,
                null, null);
        assertThat(send(provider(), hidden).outcome()).isEqualTo(Outcome.SENT);
        assertThat(send(provider(), silent).outcome()).isEqualTo(Outcome.SENT);

        JsonObject hiddenMessage = fcm.sends().get(0).json().getJsonObject("message");
        assertThat(hiddenMessage.containsKey("notification")).isFalse();
        assertThat(hiddenMessage.getJsonObject("data").fieldNames())
                .containsExactlyInAnyOrder("push_id", "conversation_id", "message_id", "seq", "sender_id", "badge");
        JsonObject silentMessage = fcm.sends().get(1).json().getJsonObject("message");
        assertThat(silentMessage.containsKey("notification")).isFalse();
        assertThat(silentMessage.getJsonObject("android").getString("priority")).isEqualTo("NORMAL");
        assertThat(silentMessage.getJsonObject("data")).isEqualTo(new JsonObject().put("push_id", silent.id())
                .put("conversation_id", "42").put("badge", "0"));
    }

    @Test
    void oneAccessTokenServesManyPushesAndOneExchangeServesConcurrentOnes() {
        FcmProvider fresh = new FcmProvider(TestPushConfig.unconfigured().withFcm(fcm), vertx);
        List<PushResult> results = Uni.join().all(List.of(fresh.send(PHONE, message("a", "1")),
                fresh.send(PHONE, message("a", "2")), fresh.send(PHONE, message("a", "3")),
                fresh.send(PHONE, message("a", "4")))).andFailFast().await().atMost(Duration.ofSeconds(10));
        assertThat(results).containsOnly(PushResult.sent());
        assertThat(send(fresh, message("a", "5"))).isEqualTo(PushResult.sent());

        assertThat(fcm.requests(FcmStandIn.TOKEN_PATH)).hasSize(1);
        assertThat(fcm.sends()).hasSize(5).extracting(r -> r.header("Authorization")).containsOnly(
                fcm.sends().getFirst().header("Authorization"));
    }

    @Test
    void anAccessTokenIsExchangedAgainShortlyBeforeItExpires() throws InterruptedException {
        fcm.expiresIn(1);
        try {
            assertThat(send(provider(), message("a", "1"))).isEqualTo(PushResult.sent());
            assertThat(send(provider(), message("a", "2"))).isEqualTo(PushResult.sent());
            Thread.sleep(700);
            assertThat(send(provider(), message("a", "3"))).isEqualTo(PushResult.sent());
        } finally {
            fcm.expiresIn(3599);
        }
        assertThat(fcm.requests(FcmStandIn.TOKEN_PATH)).hasSize(2);
        assertThat(fcm.sends().get(2).header("Authorization")).isNotEqualTo(fcm.sends().get(1).header("Authorization"));
    }

    @Test
    void anAssertionSignedWithAnotherKeyGetsNoAccessToken() {
        String otherAccount;
        try (FcmStandIn other = FcmStandIn.start()) {
            otherAccount = new JsonObject(other.serviceAccount())
                    .put("token_uri", fcm.url() + FcmStandIn.TOKEN_PATH).encode();
        }
        FcmProvider wrongKey = new FcmProvider(TestPushConfig.unconfigured().withFcm(fcm.url(), otherAccount), vertx);

        assertThat(send(wrongKey, message("a", "b"))).isEqualTo(PushResult.failed("oauth_400"));
        assertThat(fcm.refusals()).singleElement().asString().startsWith("400: oauth: Not an RS256 signature");
        assertThat(fcm.sends()).isEmpty();
        fcm.clear();
    }

    @Test
    void aRefusedAccessTokenIsDroppedAndThePushRetried() {
        assertThat(send(provider(), message("a", "before"))).isEqualTo(PushResult.sent());
        int before = fcm.exchanges();
        fcm.revokeAccessTokens();

        assertThat(send(provider(), message("a", "refused"))).isEqualTo(PushResult.retry("401", null));
        assertThat(fcm.refusals()).singleElement().asString().startsWith("401: Unknown access token");
        fcm.clear();
        assertThat(send(provider(), message("a", "again"))).isEqualTo(PushResult.sent());
        assertThat(fcm.exchanges()).isEqualTo(before + 1);
        assertThat(fcm.sends().getFirst().header("Authorization")).isEqualTo("Bearer ya29.test-" + (before + 1));
    }

    @Test
    void deadRegistrationTokensAreGone() {
        fcm.then(Answer.json(404, FcmStandIn.error(404, "NOT_FOUND", "Requested entity was not found.",
                "UNREGISTERED")));
        assertThat(send(provider(), message("a", "b"))).isEqualTo(PushResult.gone("UNREGISTERED"));

        fcm.then(Answer.json(400, FcmStandIn.error(400, "INVALID_ARGUMENT", "Unregistered", "UNREGISTERED")));
        assertThat(send(provider(), message("a", "b"))).isEqualTo(PushResult.gone("UNREGISTERED"));

        fcm.then(Answer.json(400, FcmStandIn.error(400, "INVALID_ARGUMENT",
                "The registration token is not a valid FCM registration token", "INVALID_ARGUMENT")));
        assertThat(send(provider(), message("a", "b"))).isEqualTo(PushResult.gone("INVALID_ARGUMENT"));
    }

    @Test
    void otherRefusalsFailForGood() {
        fcm.then(Answer.json(400, FcmStandIn.error(400, "INVALID_ARGUMENT",
                "Invalid value at 'message.android.ttl'", "INVALID_ARGUMENT")));
        assertThat(send(provider(), message("a", "b"))).isEqualTo(PushResult.failed("400"));

        fcm.then(Answer.json(403, FcmStandIn.error(403, "PERMISSION_DENIED", "SenderId mismatch",
                "SENDER_ID_MISMATCH")));
        assertThat(send(provider(), message("a", "b"))).isEqualTo(PushResult.failed("403"));
    }

    @Test
    void throttlingAndOutagesAreRetriedAfterWhatFcmAsks() {
        fcm.then(Answer.json(429, FcmStandIn.error(429, "RESOURCE_EXHAUSTED", "Quota", "QUOTA_EXCEEDED"))
                .withHeader("Retry-After", "1"));
        assertThat(send(provider(), message("a", "b"))).isEqualTo(PushResult.retry("429", Duration.ofSeconds(1)));

        fcm.then(Answer.json(503, FcmStandIn.error(503, "UNAVAILABLE", "Unavailable", "UNAVAILABLE")));
        assertThat(send(provider(), message("a", "b"))).isEqualTo(PushResult.retry("503", null));

        fcm.then(Answer.status(500).withHeader("Retry-After", "120"));
        assertThat(send(provider(), message("a", "b"))).isEqualTo(PushResult.retry("500", Duration.ofMinutes(2)));
    }

    @Test
    void anUnreachableOrSilentFcmIsANetworkRetry() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        FcmProvider unreachable = new FcmProvider(TestPushConfig.unconfigured()
                .withFcm("http://127.0.0.1:" + closed, fcm.serviceAccount()), vertx);
        assertThat(send(unreachable, message("a", "b"))).isEqualTo(PushResult.retry("network", null));

        FcmProvider impatient = new FcmProvider(TestPushConfig.unconfigured().withFcm(fcm)
                .withTimeout(Duration.ofMillis(300)), vertx);
        assertThat(send(impatient, message("a", "warm up"))).isEqualTo(PushResult.sent());
        fcm.then(Answer.hang());
        assertThat(send(impatient, message("a", "b"))).isEqualTo(PushResult.retry("network", null));
    }

    @Test
    void withoutAServiceAccountItIsNotConfigured() {
        FcmProvider none = new FcmProvider(TestPushConfig.unconfigured(), vertx);
        assertThat(none.configured()).isFalse();
        assertThat(none.name()).isEqualTo("fcm");
        assertThat(none.platform()).isEqualTo(PushTarget.FCM);
    }
}
