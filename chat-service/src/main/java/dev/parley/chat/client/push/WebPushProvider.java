package dev.parley.chat.client.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.interaso.webpush.VapidKeys;
import com.interaso.webpush.WebPush;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

import dev.parley.chat.config.PushConfig;

/**
 * Pushes to browsers through their push services (Web Push): the payload JSON encrypted for the subscription
 * ({@code aes128gcm}, RFC 8291) and signed for with the VAPID key (RFC 8292). A subscription the push service no
 * longer knows (404, 410) is {@code GONE}.
 */
@ApplicationScoped
public class WebPushProvider implements PushProvider {

    /** What RFC 8030 allows in a {@code Topic}: up to 32 characters of the base64url alphabet. */
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final Duration timeout;
    private final int ttl;
    private final WebClient client;
    private final WebPush webPush;

    public WebPushProvider(PushConfig config, Vertx vertx) {
        PushConfig.WebPush keys = config.webpush();
        this.timeout = config.requestTimeout();
        this.ttl = (int) config.giveUpAfter().toSeconds();
        if (keys.publicKey().isEmpty() || keys.privateKey().isEmpty()) {
            this.client = null;
            this.webPush = null;
            return;
        }
        this.webPush = new WebPush(keys.subject(),
                VapidKeys.fromUncompressedBytes(keys.publicKey().get(), keys.privateKey().get()));
        this.client = PushCalls.client(vertx, timeout, config.concurrency(), false);
    }

    @Override
    public String platform() {
        return PushTarget.WEBPUSH;
    }

    @Override
    public String name() {
        return "webpush";
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
        byte[] body;
        Map<String, String> headers;
        try {
            Base64.Decoder base64url = Base64.getUrlDecoder();
            body = webPush.getBody(PushPayloads.json(payload).encode().getBytes(StandardCharsets.UTF_8),
                    base64url.decode(target.p256dh()), base64url.decode(target.auth()));
            headers = webPush.getHeaders(target.endpoint(), ttl, topic(payload.collapseKey()),
                    payload.silent() ? WebPush.Urgency.Normal : WebPush.Urgency.High);
        } catch (RuntimeException unusable) {
            return Uni.createFrom().item(PushResult.failed("invalid_subscription"));
        }
        HttpRequest<Buffer> request = client.postAbs(target.endpoint());
        headers.forEach(request::putHeader);
        return PushCalls.within(request.sendBuffer(Buffer.buffer(body)), timeout).map(this::answer)
                .onFailure().recoverWithItem(failure -> PushCalls.failed(name(), failure));
    }

    private PushResult answer(HttpResponse<?> response) {
        int status = response.statusCode();
        if (status == 200 || status == 201 || status == 202) {
            return PushResult.sent();
        }
        if (status == 404 || status == 410) {
            return PushResult.gone(String.valueOf(status));
        }
        return RetryAfter.applies(status) ? RetryAfter.retry(response) : PushResult.failed(String.valueOf(status));
    }

    /** The collapse key as a {@code Topic}: itself when allowed, else a digest of it in the allowed alphabet. */
    static String topic(String collapseKey) {
        if (collapseKey == null || TOPIC.matcher(collapseKey).matches()) {
            return collapseKey;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(collapseKey.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}
