package dev.parley.chat.client.push;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;

import io.vertx.core.json.JsonObject;

/**
 * APNs provider tokens: an ES256 JWT of the team, signed with the {@code .p8} key, reused for 50 minutes (APNs
 * refuses tokens older than an hour and throttles ones renewed too often).
 */
final class ApnsTokens {

    private static final Duration LIFETIME = Duration.ofMinutes(50);

    private final String teamId;
    private final String keyId;
    private final PrivateKey key;
    private String token;
    private Instant renewAt = Instant.MIN;

    ApnsTokens(String teamId, String keyId, PrivateKey key) {
        this.teamId = teamId;
        this.keyId = keyId;
        this.key = key;
    }

    /** The token to send now. */
    synchronized String current() {
        Instant now = Instant.now();
        if (token == null || !now.isBefore(renewAt)) {
            token = PushKeys.jwt("ES256", keyId,
                    new JsonObject().put("iss", teamId).put("iat", now.getEpochSecond()), key);
            renewAt = now.plus(LIFETIME);
        }
        return token;
    }

    /** Drops {@code stale}, which APNs refused as expired or invalid; the next push signs a new one. */
    synchronized void renew(String stale) {
        if (stale.equals(token)) {
            token = null;
        }
    }
}
