package dev.parley.testing;

import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Set;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Access tokens shaped like account-service's, signed by a key pair made for the test run. Services under test
 * verify them through {@link #jwks()}, which a {@link NeighbourStub} serves in account-service's place.
 */
public final class TestTokens {

    public static final String ISSUER = "parley";
    private static final String KEY_ID = "test-key";
    private static final String NEXT_KEY_ID = "test-key-next";
    private static final KeyPair KEYS = generate();
    private static final KeyPair NEXT_KEYS = generate();

    private TestTokens() {
    }

    /** A valid 15-minute access token for the user. */
    public static String forUser(long userId) {
        return Jwt.issuer(ISSUER).subject(Long.toString(userId)).upn("user" + userId + "@example.com")
                .groups(Set.of("user")).expiresIn(900).jws().keyId(KEY_ID).sign(KEYS.getPrivate());
    }

    /** A valid access token for the user that expires in {@code seconds}. */
    public static String expiringIn(long userId, long seconds) {
        return Jwt.issuer(ISSUER).subject(Long.toString(userId)).groups(Set.of("user")).expiresIn(seconds)
                .jws().keyId(KEY_ID).sign(KEYS.getPrivate());
    }

    /** A token that expired an hour ago. */
    public static String expiredForUser(long userId) {
        Instant past = Instant.now().minusSeconds(3600);
        return Jwt.issuer(ISSUER).subject(Long.toString(userId)).groups(Set.of("user"))
                .issuedAt(past.minusSeconds(900)).expiresAt(past).jws().keyId(KEY_ID).sign(KEYS.getPrivate());
    }

    /** A well-formed token signed by a key nobody trusts. */
    public static String forgedForUser(long userId) {
        return Jwt.issuer(ISSUER).subject(Long.toString(userId)).groups(Set.of("user")).expiresIn(900)
                .jws().keyId(KEY_ID).sign(generate().getPrivate());
    }

    /** A valid token for the user signed by the next key, which {@link #jwksWithNextKey()} publishes too. */
    public static String signedWithNextKey(long userId) {
        return Jwt.issuer(ISSUER).subject(Long.toString(userId)).groups(Set.of("user")).expiresIn(900)
                .jws().keyId(NEXT_KEY_ID).sign(NEXT_KEYS.getPrivate());
    }

    /** A token signed by a key nobody publishes, under a key id nobody knows. */
    public static String signedWithUnknownKey(long userId) {
        return Jwt.issuer(ISSUER).subject(Long.toString(userId)).groups(Set.of("user")).expiresIn(900)
                .jws().keyId("unknown-" + userId).sign(generate().getPrivate());
    }

    /** The JWK Set a {@link NeighbourStub} serves at {@code /.well-known/jwks.json}. */
    public static String jwks() {
        return new JsonWebKeySet(jwk(KEYS, KEY_ID)).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** The key set while a signing key is rotated: the current key and the next one. */
    public static String jwksWithNextKey() {
        return new JsonWebKeySet(jwk(KEYS, KEY_ID), jwk(NEXT_KEYS, NEXT_KEY_ID))
                .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static RsaJsonWebKey jwk(KeyPair keys, String keyId) {
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) keys.getPublic());
        jwk.setKeyId(keyId);
        jwk.setAlgorithm("RS256");
        jwk.setUse("sig");
        return jwk;
    }

    private static KeyPair generate() {
        try {
            return KeyUtils.generateKeyPair(2048);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
