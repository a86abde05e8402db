package dev.parley.chat.client.storage;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 signatures of the built-in store's URLs, each valid until an expiry in epoch seconds. */
final class UrlSignatures {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final Clock clock;

    UrlSignatures(byte[] key, Clock clock) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.clock = clock;
    }

    /** The epoch second a URL made now stops working. */
    long expiry(Duration ttl) {
        return clock.instant().plus(ttl).getEpochSecond();
    }

    String sign(long expires, String... fields) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            // Each field is length-prefixed, so no value can shift text into its neighbour.
            StringBuilder text = new StringBuilder().append(expires);
            for (String field : fields) {
                text.append('\n').append(field.length()).append(':').append(field);
            }
            byte[] digest = mac.doFinal(text.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code signature} signs these fields with {@code expires}, and that moment is still ahead. */
    boolean valid(String expires, String signature, String... fields) {
        if (expires == null || signature == null) {
            return false;
        }
        long until;
        try {
            until = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return false;
        }
        if (clock.instant().getEpochSecond() >= until) {
            return false;
        }
        byte[] expected = sign(until, fields).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
    }
}
