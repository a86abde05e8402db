package dev.parley.account.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.RSAPublicKeySpec;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

import io.quarkus.runtime.Startup;
import io.smallrye.jwt.util.KeyUtils;

/**
 * The RSA key pair that signs access tokens, and every public key that may still verify a live token: the current one
 * first, then those that signed before it ({@link PublishedPublicKeys}), each as a JWK whose {@code kid} is its RFC 7638
 * thumbprint. The signing key is loaded from {@code parley.jwt.private-key} or {@code parley.jwt.private-key-location};
 * generated at start only where {@code parley.keys.generate-when-missing} allows it (dev and test).
 */
// Made at start, so a missing or bad secret stops the process before it ever reports ready.
@Startup
@Singleton
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    private final RSAPrivateCrtKey privateKey;
    private final String keyId;
    private final JsonWebKeySet published;

    public SigningKeys(AccountConfig config) {
        this.privateKey = load(config);
        RsaJsonWebKey current = jwk(publicHalf(privateKey));
        this.keyId = current.getKeyId();
        this.published = new JsonWebKeySet(current);
        for (RSAPublicKey other : PublishedPublicKeys.load(config.jwt())) {
            RsaJsonWebKey jwk = jwk(other);
            if (published.findJsonWebKey(jwk.getKeyId(), null, null, null) == null) {
                published.addJsonWebKey(jwk);
            }
        }
    }

    public RSAPrivateCrtKey privateKey() {
        return privateKey;
    }

    /** The {@code kid} of the current key, which every new token names. */
    public String keyId() {
        return keyId;
    }

    /** Every published key as JWK parameters ({@code kty}, {@code kid}, {@code n}, {@code e}, ...), current first. */
    public List<Map<String, Object>> publicJwks() {
        return published.getJsonWebKeys().stream()
                .map(key -> key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)).toList();
    }

    /** The same keys as a JWK Set document. */
    public String publicJwkSet() {
        return published.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static RsaJsonWebKey jwk(RSAPublicKey key) {
        RsaJsonWebKey jwk = new RsaJsonWebKey(key);
        jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
        jwk.setUse("sig");
        jwk.setAlgorithm("RS256");
        return jwk;
    }

    private static RSAPrivateCrtKey load(AccountConfig config) {
        try {
            String pem = config.jwt().privateKey().orElse(null);
            if (pem == null && config.jwt().privateKeyLocation().isPresent()) {
                pem = Files.readString(Path.of(config.jwt().privateKeyLocation().get()));
            }
            if (pem != null) {
                return (RSAPrivateCrtKey) KeyUtils.decodePrivateKey(pem);
            }
            if (!config.keys().generateWhenMissing()) {
                throw new IllegalStateException("No access token signing key: set PARLEY_JWT_PRIVATE_KEY or "
                        + "PARLEY_JWT_PRIVATE_KEY_LOCATION to an RSA private key in PKCS#8 PEM");
            }
            LOG.warn("No signing key configured: generated a throwaway RSA key pair (tokens die with this process)");
            return (RSAPrivateCrtKey) KeyUtils.generateKeyPair(2048).getPrivate();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the access token signing key", e);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("Invalid access token signing key", e);
        }
    }

    private static RSAPublicKey publicHalf(RSAPrivateCrtKey key) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("Cannot derive the public key", e);
        }
    }
}
