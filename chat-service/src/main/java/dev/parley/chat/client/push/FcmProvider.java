package dev.parley.chat.client.push;

import java.time.Duration;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

import dev.parley.chat.config.PushConfig;

/**
 * Pushes to Android devices through Firebase Cloud Messaging's HTTP v1 API, authenticated with an OAuth access
 * token of the configured service account. A 401 drops that token and asks for a retry; a dead registration token
 * ({@code UNREGISTERED}, or a 400 that blames the token) is {@code GONE}.
 */
@ApplicationScoped
public class FcmProvider implements PushProvider {

    private final Duration timeout;
    private final Duration ttl;
    private final WebClient client;
    private final FcmAccessTokens tokens;
    private final String sendUrl;

    public FcmProvider(PushConfig config, Vertx vertx) {
        this.timeout = config.requestTimeout();
        this.ttl = config.giveUpAfter();
        if (config.fcm().serviceAccount().filter(json -> !json.isBlank()).isEmpty()) {
            this.client = null;
            this.tokens = null;
            this.sendUrl = null;
            return;
        }
        FcmAccessTokens.ServiceAccount account = FcmAccessTokens.ServiceAccount
                .parse(config.fcm().serviceAccount().get());
        this.client = PushCalls.client(vertx, timeout, config.concurrency(), false);
        this.tokens = new FcmAccessTokens(account, client, timeout);
        this.sendUrl = config.fcm().url().replaceAll("/+$", "") + "/v1/projects/" + account.projectId()
                + "/messages:send";
    }

    @Override
    public String platform() {
        return PushTarget.FCM;
    }

    @Override
    public String name() {
        return "fcm";
    }

    @Override
    public boolean configured() {
        return client != null;
    }

    @Override
    public Uni<PushResult> send(PushTarget target, PushPayload payload) {
        if (!configured()) {
            return Uni.createFrom().item(PushResult.failed("not_configured"));
        }
        return Uni.createFrom().deferred(tokens::token)
                .chain(token -> PushCalls.within(client.postAbs(sendUrl).putHeader("Authorization", "Bearer " + token)
                        .sendJsonObject(FcmMessages.message(target, payload, ttl)), timeout)
                        .map(response -> answer(response, token)))
                .onFailure().recoverWithItem(failure -> PushCalls.failed(name(), failure));
    }

    private PushResult answer(HttpResponse<?> response, String token) {
        return switch (response.statusCode()) {
            case 200 -> PushResult.sent();
            case 401 -> {
                tokens.forget(token);
                yield PushResult.retry("401", null);
            }
            default -> FcmMessages.refusal(response);
        };
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}
