package dev.parley.account.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;

import dev.parley.account.config.AccountConfig;
import dev.parley.common.error.ApiException;

/**
 * Verification links that need no table: {@code base64url(email).expiry.base64url(HMAC-SHA256(email|expiry))}.
 * Nothing in them can be changed without the server's secret.
 */
// Made at start, so a missing or bad secret stops the process before it ever reports ready.
@Startup
@ApplicationScoped
public class VerificationTokens {

    static final String INVALID = "Invalid or expired verification token";
    private static final Logger LOG = Logger.getLogger(VerificationTokens.class);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    public VerificationTokens(AccountConfig config) {
        this.key = new SecretKeySpec(secret(config), "HmacSHA256");
    }

    /** A link for the email that works until {@code expiresAt}. */
    public String issue(String email, Instant expiresAt) {
        long expiry = expiresAt.getEpochSecond();
        String encodedEmail = ENCODER.encodeToString(email.getBytes(StandardCharsets.UTF_8));
        return encodedEmail + "." + expiry + "." + ENCODER.encodeToString(sign(email, expiry));
    }

    /** The email a valid, unexpired token was issued for; 400 for anything else. */
    public String verify(String token, Instant now) {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3) {
            throw ApiException.badRequest(INVALID);
        }
        try {
            String email = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
            long expiry = Long.parseLong(parts[1]);
            byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
            if (!MessageDigest.isEqual(signature, sign(email, expiry)) || expiry <= now.getEpochSecond()) {
                throw ApiException.badRequest(INVALID);
            }
            return email;
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(INVALID);
        }
    }

    private byte[] sign(String email, long expiry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal((email + "|" + expiry).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] secret(AccountConfig config) {
        if (config.verification().secret().isPresent()) {
            String secret = config.verification().secret().get();
            if (secret.length() < 32) {
                throw new IllegalStateException("parley.verification.secret must be at least 32 characters");
            }
            return secret.getBytes(StandardCharsets.UTF_8);
        }
        if (!config.keys().generateWhenMissing()) {
            throw new IllegalStateException("No verification secret: set PARLEY_VERIFICATION_SECRET (32+ characters)");
        }
        LOG.warn("No verification secret configured: generated one (links die with this process)");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return random;
    }
}
