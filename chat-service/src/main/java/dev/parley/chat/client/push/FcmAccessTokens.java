package dev.parley.chat.client.push;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * OAuth 2.0 access tokens for FCM, from a service account's signed assertion (RFC 7523). A token is reused until
 * five minutes before it expires; while one is being fetched, every caller waits for that same exchange.
 */
final class FcmAccessTokens {

    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    static final String GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final Duration MARGIN = Duration.ofMinutes(5);

    private final ServiceAccount account;
    private final WebClient client;
    private final Duration timeout;
    private String token;
    private Instant renewAt = Instant.MIN;
    private Uni<String> exchange;

    FcmAccessTokens(ServiceAccount account, WebClient client, Duration timeout) {
        this.account = account;
        this.client = client;
        this.timeout = timeout;
    }

    /** A valid access token: the cached one, or one exchanged now (one exchange at a time). */
    synchronized Uni<String> token() {
        if (token != null && Instant.now().isBefore(renewAt)) {
            return Uni.createFrom().item(token);
        }
        if (exchange == null) {
            exchange = Uni.createFrom().deferred(this::exchange)
                    .onTermination().invoke(this::exchanged)
                    .memoize().indefinitely();
        }
        return exchange;
    }

    /** Forgets {@code stale}, which FCM refused; the next push exchanges a new one. */
    synchronized void forget(String stale) {
        if (stale.equals(token)) {
            token = null;
        }
    }

    private synchronized void exchanged() {
        exchange = null;
    }

    private Uni<String> exchange() {
        long now = Instant.now().getEpochSecond();
        JsonObject claims = new JsonObject().put("iss", account.clientEmail()).put("scope", SCOPE)
                .put("aud", account.tokenUri()).put("iat", now).put("exp", now + 3600);
        MultiMap form = MultiMap.caseInsensitiveMultiMap().add("grant_type", GRANT)
                .add("assertion", PushKeys.jwt("RS256", null, claims, account.privateKey()));
        return PushCalls.within(client.postAbs(account.tokenUri()).sendForm(form), timeout).map(this::read);
    }

    private String read(HttpResponse<?> response) {
        if (response.statusCode() != 200) {
            throw new PushCalls.Refused(RetryAfter.applies(response.statusCode())
                    ? RetryAfter.retry(response)
                    : PushResult.failed("oauth_" + response.statusCode()));
        }
        JsonObject answer = response.bodyAsJsonObject();
        String accessToken = answer.getString("access_token");
        Duration lifetime = Duration.ofSeconds(answer.getLong("expires_in", 3600L));
        Duration margin = lifetime.dividedBy(2).compareTo(MARGIN) < 0 ? lifetime.dividedBy(2) : MARGIN;
        synchronized (this) {
            token = accessToken;
            renewAt = Instant.now().plus(lifetime).minus(margin);
        }
        return accessToken;
    }

    /** The parts of a service account's JSON key that FCM needs. */
    record ServiceAccount(String projectId, String clientEmail, PrivateKey privateKey, String tokenUri) {

        static ServiceAccount parse(String json) {
            JsonObject key = new JsonObject(json);
            return new ServiceAccount(key.getString("project_id"), key.getString("client_email"),
                    PushKeys.pkcs8(key.getString("private_key"), "RSA"),
                    key.getString("token_uri", "https://oauth2.googleapis.com/token"));
        }
    }
}
