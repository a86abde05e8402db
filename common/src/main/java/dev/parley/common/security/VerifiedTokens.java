package dev.parley.common.security;

import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Tokens whose signature was checked, kept until they expire so that a client's next request skips the RSA
 * verification. A token counts only while the key that verified it is still the one published under its id; a key
 * withdrawn from the key set takes its tokens with it. Revocation is checked on every request after this
 * ({@link RevocationCheck}), so it is not affected. At most {@value #CAPACITY} tokens are held.
 */
final class VerifiedTokens {

    static final int CAPACITY = 10_000;

    /** A verified token and the key that verified it. */
    private record Verified(JsonWebToken token, PublicKey key, long expiresAtMillis) {
    }

    private final Map<String, Verified> byToken = new ConcurrentHashMap<>();

    /** The token verified earlier with {@code currentKey}, or null when it must be verified (again). */
    JsonWebToken find(String token, PublicKey currentKey, long nowMillis) {
        Verified verified = byToken.get(token);
        if (verified == null) {
            return null;
        }
        if (verified.expiresAtMillis() <= nowMillis || !verified.key().equals(currentKey)) {
            byToken.remove(token);
            return null;
        }
        return verified.token();
    }

    /** Remembers a token just verified with {@code key}. */
    void add(String token, JsonWebToken verified, PublicKey key, long nowMillis) {
        long expiresAt = verified.getExpirationTime() * 1000;
        if (expiresAt <= nowMillis) {
            return;
        }
        if (byToken.size() >= CAPACITY) {
            byToken.values().removeIf(entry -> entry.expiresAtMillis() <= nowMillis);
            if (byToken.size() >= CAPACITY) {
                byToken.clear();
            }
        }
        byToken.put(token, new Verified(verified, key, expiresAt));
    }

    int size() {
        return byToken.size();
    }
}
