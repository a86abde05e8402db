package dev.parley.chat.client.push;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import io.vertx.core.json.JsonObject;

/** Reads the providers' PEM signing keys and signs the compact JWTs they authenticate with (RS256, ES256). */
final class PushKeys {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private PushKeys() {
    }

    /** A PKCS#8 PEM private key of {@code algorithm} ({@code RSA} or {@code EC}). */
    static PrivateKey pkcs8(String pem, String algorithm) {
        // Keys pasted into environment variables often keep their line breaks as literal "\n".
        String base64 = pem.replace("\\n", "\n").replaceAll("-----(BEGIN|END) [A-Z ]+-----", "")
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance(algorithm)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Not a PKCS#8 " + algorithm + " private key", e);
        }
    }

    /** A JWT with header {@code {alg, kid?}} and {@code claims}, signed with {@code key}. */
    static String jwt(String alg, String keyId, JsonObject claims, PrivateKey key) {
        JsonObject header = new JsonObject().put("alg", alg);
        if (keyId != null) {
            header.put("kid", keyId);
        }
        String input = encode(header) + "." + encode(claims);
        try {
            // P1363 is JWS's r||s form of an ECDSA signature (RFC 7518, section 3.4).
            Signature signature = Signature.getInstance(switch (alg) {
                case "RS256" -> "SHA256withRSA";
                case "ES256" -> "SHA256withECDSAinP1363Format";
                default -> throw new IllegalArgumentException(alg);
            });
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + BASE64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign with " + alg, e);
        }
    }

    private static String encode(JsonObject json) {
        return BASE64URL.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
    }
}
