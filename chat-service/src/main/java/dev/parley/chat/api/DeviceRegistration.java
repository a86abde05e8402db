package dev.parley.chat.api;

/**
 * Body of {@code PUT /v1/devices/{device_id}}: an FCM or APNs {@code token}, or a Web Push {@code subscription} as the
 * browser's {@code PushSubscription.toJSON()} gives it.
 */
public record DeviceRegistration(String platform, String token, Subscription subscription, String appId,
        String locale) {

    /** A Web Push subscription: where to send, and the browser's keys to encrypt for (base64url). */
    public record Subscription(String endpoint, Keys keys) {
    }

    /** The subscription's P-256 public key and authentication secret. */
    public record Keys(String p256dh, String auth) {
    }
}
