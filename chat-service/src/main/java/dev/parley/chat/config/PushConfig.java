package dev.parley.chat.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Push notifications, under {@code parley.push.*} (env {@code PARLEY_PUSH_*}): the delivery workers and each
 * provider's URL and credentials. A platform whose credentials are absent is served by the log provider.
 */
@ConfigMapping(prefix = "parley.push")
public interface PushConfig {

    /** Devices one user may register; one more drops the least recently used. */
    @WithDefault("10")
    int maxDevicesPerUser();

    /** Pushes a replica sends at the same time (each waits for its provider's answer). */
    @WithDefault("32")
    int concurrency();

    /** How long a worker holds a push it took; past that, another worker may send it again (same id). */
    @WithDefault("30s")
    Duration lease();

    /** How long a provider may take to answer one push. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** The first retry's delay; each further retry doubles it, up to {@code max-retry-delay}. */
    @WithDefault("2s")
    Duration firstRetryDelay();

    @WithDefault("10m")
    Duration maxRetryDelay();

    /** A push still unsent this long after it was made is dropped: it would be news no longer. */
    @WithDefault("1h")
    Duration giveUpAfter();

    Fcm fcm();

    Apns apns();

    WebPush webpush();

    /** Firebase Cloud Messaging, HTTP v1 API. */
    interface Fcm {

        @WithDefault("https://fcm.googleapis.com")
        String url();

        /** The service account's JSON key (its {@code project_id}, {@code client_email}, {@code private_key}, {@code token_uri}). */
        Optional<String> serviceAccount();
    }

    /** Apple Push Notification service, token-based authentication over HTTP/2. */
    interface Apns {

        @WithDefault("https://api.push.apple.com")
        String url();

        Optional<String> teamId();

        Optional<String> keyId();

        /** The {@code .p8} signing key, PEM. */
        Optional<String> privateKey();

        /** The app's bundle id, for devices registered without an {@code app_id}. */
        Optional<String> topic();
    }

    /** Web Push with VAPID; the keys are P-256, base64url: the public key uncompressed, the private key raw. */
    interface WebPush {

        Optional<String> publicKey();

        Optional<String> privateKey();

        /** Who the push services may contact about this sender ({@code mailto:} or {@code https:}). */
        @WithDefault("mailto:push@parley.invalid")
        String subject();

        /**
         * Endpoint origins taken even when not HTTPS or not on a public host (a push service inside the network);
         * every other endpoint must be an HTTPS URL on a public host.
         */
        Optional<List<String>> trustedOrigins();
    }
}
