package dev.parley.chat.support;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A browser's push subscription: a P-256 key pair and a 16-byte authentication secret, given to the application
 * server as {@link #p256dh()} and {@link #auth()}, and the decryption of what it receives (RFC 8291 over RFC 8188
 * {@code aes128gcm}, one record) with the JDK alone.
 */
public final class WebPushSubscriber {

    private final KeyPair keys = TestKeys.ec();
    private final byte[] authSecret = new byte[16];

    public WebPushSubscriber() {
        new SecureRandom().nextBytes(authSecret);
    }

    /** The subscription's public key, uncompressed, base64url. */
    public String p256dh() {
        return TestKeys.base64url(publicBytes());
    }

    public String auth() {
        return TestKeys.base64url(authSecret);
    }

    /** The plaintext of an {@code aes128gcm} body encrypted for this subscription, as UTF-8. */
    public String decrypt(byte[] body) {
        try {
            ByteBuffer in = ByteBuffer.wrap(body);
            byte[] salt = new byte[16];
            in.get(salt);
            int recordSize = in.getInt();
            byte[] senderKey = new byte[in.get() & 0xff];
            in.get(senderKey);
            byte[] ciphertext = new byte[in.remaining()];
            in.get(ciphertext);
            if (ciphertext.length > recordSize) {
                throw new AssertionError("More than one record: " + ciphertext.length + " > " + recordSize);
            }
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(keys.getPrivate());
            agreement.doPhase(point(senderKey), true);
            byte[] ecdhSecret = agreement.generateSecret();
            byte[] keyInfo = TestKeys.concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), publicBytes(),
                    senderKey);
            byte[] ikm = hkdf(authSecret, ecdhSecret, keyInfo, 32);
            byte[] cek = hkdf(salt, ikm, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
            byte[] nonce = hkdf(salt, ikm, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
            byte[] padded = cipher.doFinal(ciphertext);
            int delimiter = padded.length - 1;
            while (delimiter >= 0 && padded[delimiter] == 0) {
                delimiter--;
            }
            if (delimiter < 0 || padded[delimiter] != 2) {
                throw new AssertionError("No last-record delimiter in the plaintext");
            }
            return new String(Arrays.copyOf(padded, delimiter), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new AssertionError("Cannot decrypt the push", e);
        }
    }

    private byte[] publicBytes() {
        return TestKeys.uncompressed((ECPublicKey) keys.getPublic());
    }

    private ECPublicKey point(byte[] uncompressed) throws GeneralSecurityException {
        if (uncompressed.length != 65 || uncompressed[0] != 4) {
            throw new AssertionError("Not an uncompressed P-256 point: " + uncompressed.length + " bytes");
        }
        ECPoint point = new ECPoint(new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33)),
                new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65)));
        return (ECPublicKey) KeyFactory.getInstance("EC")
                .generatePublic(new ECPublicKeySpec(point, ((ECPublicKey) keys.getPublic()).getParams()));
    }

    /** HKDF-SHA-256 (RFC 5869) for at most one block of output. */
    private static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update(info);
        mac.update((byte) 1);
        return Arrays.copyOf(mac.doFinal(), length);
    }
}
