package dev.parley.chat.client.push;

/**
 * Where a push goes: a device as registered. FCM and APNs devices have a {@code token}; Web Push devices an
 * {@code endpoint} with the subscription's {@code p256dh} and {@code auth} keys (base64url).
 */
public record PushTarget(String platform, String token, String endpoint, String p256dh, String auth, String appId) {

    public static final String FCM = "fcm";
    public static final String APNS = "apns";
    public static final String WEBPUSH = "webpush";
}
