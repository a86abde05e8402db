package dev.parley.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * What production takes from Secrets, made fresh for each run: account-service's signing key (a PKCS#8 PEM file), its
 * verification secret, and the service token of the internal ports.
 */
record Secrets(Path signingKey, String verificationSecret, String internalToken) {

    static Secrets generate(Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Files.createDirectories(dir);
        Path key = dir.resolve("jwt-private.pem");
        Files.writeString(key, pem(generator.generateKeyPair().getPrivate()));
        return new Secrets(key, random(), random());
    }

    /** A private key as PKCS#8 PEM, the form the services read. */
    static String pem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(
                key.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
