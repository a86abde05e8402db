package dev.parley.e2e.support;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * An RSA key that signs access tokens, as an operator holds it: its private half in PKCS#8 PEM (for
 * {@code PARLEY_JWT_PRIVATE_KEY}), its public half in PEM (for {@code PARLEY_JWT_OTHER_PUBLIC_KEYS}), and the
 * {@code kid} account-service gives it, its RFC 7638 thumbprint.
 */
public record SigningKey(RSAPrivateCrtKey privateKey, RSAPublicKey publicKey) {

    /** A new 2048-bit key, as {@code openssl genpkey -algorithm RSA} makes one. */
    public static SigningKey generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return of((RSAPrivateCrtKey) generator.generateKeyPair().getPrivate());
    }

    /** The key in a PKCS#8 PEM file. */
    public static SigningKey read(Path pem) throws IOException, GeneralSecurityException {
        String base64 = Files.readString(pem).replaceAll("-----[^-]+-----", "").replaceAll("\\s", "");
        return of((RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64))));
    }

    private static SigningKey of(RSAPrivateCrtKey key) throws GeneralSecurityException {
        return new SigningKey(key, (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())));
    }

    public String privatePem() {
        return pem("PRIVATE KEY", privateKey.getEncoded());
    }

    public String publicPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    /** The RFC 7638 JWK thumbprint (SHA-256, base64url): the {@code kid} of the key in the JWKS and in tokens. */
    public String thumbprint() {
        String jwk = "{\"e\":\"" + base64Url(publicKey.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                + base64Url(publicKey.getModulus()) + "\"}";
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(jwk.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "signing key " + thumbprint();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        // Unsigned, big-endian, no leading zero byte (RFC 7518, section 6.3.1).
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
