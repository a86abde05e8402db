package dev.parley.chat.support;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

import io.vertx.core.json.JsonObject;

/** Fresh key pairs for the stand-ins, their encodings, and a JWS check independent of the code under test. */
public final class TestKeys {

    private TestKeys() {
    }

    public static KeyPair rsa() {
        return generate("RSA", null);
    }

    /** A P-256 key pair. */
    public static KeyPair ec() {
        return generate("EC", new ECGenParameterSpec("secp256r1"));
    }

    /** A private key as PKCS#8 PEM. */
    public static String pem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** The uncompressed point {@code 04 || X || Y} of a P-256 public key. */
    public static byte[] uncompressed(ECPublicKey key) {
        byte[] point = new byte[65];
        point[0] = 4;
        System.arraycopy(unsigned32(key.getW().getAffineX()), 0, point, 1, 32);
        System.arraycopy(unsigned32(key.getW().getAffineY()), 0, point, 33, 32);
        return point;
    }

    /** The private scalar of a P-256 key, 32 bytes. */
    public static byte[] raw(ECPrivateKey key) {
        return unsigned32(key.getS());
    }

    public static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The claims of {@code jwt} if it is signed with {@code alg} by {@code key}'s pair; else an assertion error. */
    public static Verified verify(String jwt, String alg, java.security.PublicKey key) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setCompactSerialization(jwt);
            jws.setKey(key);
            if (!alg.equals(jws.getAlgorithmHeaderValue()) || !jws.verifySignature()) {
                throw new AssertionError("Not an " + alg + " signature of the expected key: " + jwt);
            }
            return new Verified(new JsonObject(jws.getHeaders().getFullHeaderAsJsonString()),
                    new JsonObject(jws.getPayload()));
        } catch (JoseException e) {
            throw new AssertionError("Not a JWS: " + jwt, e);
        }
    }

    /** A verified JWT's header and claims. */
    public record Verified(JsonObject header, JsonObject claims) {
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
        return out;
    }

    private static KeyPair generate(String algorithm, ECGenParameterSpec spec) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (spec != null) {
                generator.initialize(spec);
            } else {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] concat(byte[]... parts) {
        byte[] all = new byte[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
