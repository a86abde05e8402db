package dev.parley.chat.client.push;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

import dev.parley.chat.config.PushConfig;

/**
 * Pushes to Apple devices through APNs over HTTP/2 with token-based authentication. The push's id is its
 * {@code apns-id}, so a push sent twice shows once. A dead device token ({@code 410}, {@code BadDeviceToken},
 * {@code DeviceTokenNotForTopic}) is {@code GONE}; an expired or refused provider token is renewed and retried.
 */
@ApplicationScoped
public class ApnsProvider implements PushProvider {

    private static final Set<String> DEAD_TOKEN = Set.of("BadDeviceToken", "DeviceTokenNotForTopic");
    private static final Set<String> STALE_JWT = Set.of("ExpiredProviderToken", "InvalidProviderToken");

    private final Duration timeout;
    private final Duration lifetime;
    private final String url;
    private final String defaultTopic;
    private final WebClient client;
    private final ApnsTokens tokens;

    public ApnsProvider(PushConfig config, Vertx vertx) {
        PushConfig.Apns apns = config.apns();
        this.timeout = config.requestTimeout();
        this.lifetime = config.giveUpAfter();
        this.url = apns.url().replaceAll("/+$", "");
        this.defaultTopic = apns.topic().orElse(null);
        if (apns.teamId().isEmpty() || apns.keyId().isEmpty() || apns.privateKey().isEmpty()) {
            this.client = null;
            this.tokens = null;
            return;
        }
        this.tokens = new ApnsTokens(apns.teamId().get(), apns.keyId().get(),
                PushKeys.pkcs8(apns.privateKey().get(), "EC"));
        this.client = PushCalls.client(vertx, timeout, 1, true);
    }

    @Override
    public String platform() {
        return PushTarget.APNS;
    }

    @Override
    public String name() {
        return "apns";
    }

    @Override
    public boolean configured() {
        return client != null;
    }

    @Override
    public Uni<PushResult> send(PushTarget target, PushPayload payload) {
        String topic = target.appId() != null ? target.appId() : defaultTopic;
        if (!configured() || topic == null) {
            return Uni.createFrom().item(PushResult.failed(configured() ? "no_topic" : "not_configured"));
        }
        return Uni.createFrom().deferred(() -> {
            String jwt = tokens.current();
            return PushCalls.within(client.postAbs(url + "/3/device/" + target.token())
                    .putHeader("authorization", "bearer " + jwt)
                    .putHeader("apns-topic", topic)
                    .putHeader("apns-push-type", "alert")
                    .putHeader("apns-priority", payload.silent() ? "5" : "10")
                    .putHeader("apns-collapse-id", payload.collapseKey())
                    .putHeader("apns-id", payload.id())
                    .putHeader("apns-expiration", String.valueOf(Instant.now().plus(lifetime).getEpochSecond()))
                    .sendJsonObject(ApnsMessages.body(payload)), timeout)
                    .map(response -> answer(response, jwt));
        }).onFailure().recoverWithItem(failure -> PushCalls.failed(name(), failure));
    }

    private PushResult answer(HttpResponse<?> response, String jwt) {
        int status = response.statusCode();
        if (status == 200) {
            return PushResult.sent();
        }
        if (RetryAfter.applies(status)) {
            return RetryAfter.retry(response);
        }
        String reason = ApnsMessages.reason(response);
        if (status == 410) {
            return PushResult.gone(reason.equals("410") ? "Unregistered" : reason);
        }
        if (status == 400 && DEAD_TOKEN.contains(reason)) {
            return PushResult.gone(reason);
        }
        if (status == 403 && STALE_JWT.contains(reason)) {
            tokens.renew(jwt);
            return PushResult.retry(reason, null);
        }
        return PushResult.failed(reason);
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}
