package dev.parley.chat.support;

import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Set;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

import dev.parley.testing.TestTokens;

/**
 * Access tokens that name their session ({@code sid}), as account-service's do, signed by a key of their own that
 * {@link Neighbours} publishes beside {@link TestTokens}'s.
 */
public final class SessionTokens {

    private static final String KEY_ID = "chat-test-sessions";
    private static final KeyPair KEYS = generate();

    private SessionTokens() {
    }

    /** A valid 15-minute access token of the user's session. */
    public static String forSession(long userId, long sessionId) {
        return Jwt.issuer(TestTokens.ISSUER).subject(Long.toString(userId)).groups(Set.of("user"))
                .claim("sid", sessionId).expiresIn(900).jws().keyId(KEY_ID).sign(KEYS.getPrivate());
    }

    /** {@link TestTokens#jwks()} with this class's key added. */
    static String jwks() {
        try {
            ObjectMapper json = new ObjectMapper();
            ObjectNode set = (ObjectNode) json.readTree(TestTokens.jwks());
            RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) KEYS.getPublic());
            jwk.setKeyId(KEY_ID);
            jwk.setAlgorithm("RS256");
            jwk.setUse("sig");
            ((ArrayNode) set.get("keys")).add(json.readTree(jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
            return json.writeValueAsString(set);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            return KeyUtils.generateKeyPair(2048);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
