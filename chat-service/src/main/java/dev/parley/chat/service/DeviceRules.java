package dev.parley.chat.service;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.chat.api.DeviceRegistration;
import dev.parley.chat.client.push.PushTarget;
import dev.parley.chat.repository.DeviceRepository.NewDevice;
import dev.parley.common.error.ApiException;
import dev.parley.common.validation.Input;

/** What a device registration must hold to be stored: every token and key checked before any push is tried. */
@ApplicationScoped
public class DeviceRules {

    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern FCM_TOKEN = Pattern.compile("[A-Za-z0-9_:.-]{20,4096}");
    private static final Pattern APNS_TOKEN = Pattern.compile("([0-9a-f]{2}){32,100}");
    private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9._-]{1,255}");
    private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,6}");
    // P-256: y^2 = x^3 - 3x + b over the field of this prime.
    private static final BigInteger P = new BigInteger(
            "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
    private static final BigInteger B = new BigInteger(
            "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);

    private final PushEndpoints endpoints;

    public DeviceRules(PushEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** The device id, or 400. */
    public String deviceId(String deviceId) {
        if (deviceId == null || !DEVICE_ID.matcher(deviceId).matches()) {
            throw ApiException.badRequest("device_id must be 1 to 64 letters, digits, '_' or '-'");
        }
        return deviceId;
    }

    /** The registration as stored, or 400 naming what is wrong. */
    public NewDevice check(long userId, String deviceId, Long sessionId, DeviceRegistration body) {
        if (body == null) {
            throw Input.missing("platform");
        }
        String platform = Input.required("platform", body.platform());
        String appId = optional(body.appId(), APP_ID, "app_id must be 1 to 255 letters, digits, '.', '_' or '-'");
        String locale = optional(body.locale(), LOCALE, "locale must be a language tag such as en or pt-BR");
        String id = deviceId(deviceId);
        return switch (platform) {
            case PushTarget.FCM -> new NewDevice(userId, id, sessionId, platform,
                    token(body, body.token(), FCM_TOKEN, "Invalid FCM token"), null, null, appId, locale);
            case PushTarget.APNS -> new NewDevice(userId, id, sessionId, platform,
                    token(body, lower(body.token()), APNS_TOKEN, "Invalid APNs token"), null, null, appId, locale);
            case PushTarget.WEBPUSH -> webPush(userId, id, sessionId, body, appId, locale);
            default -> throw ApiException.badRequest("platform must be fcm, apns or webpush");
        };
    }

    private NewDevice webPush(long userId, String id, Long sessionId, DeviceRegistration body, String appId,
            String locale) {
        if (body.token() != null) {
            throw ApiException.badRequest("webpush devices register a subscription, not a token");
        }
        DeviceRegistration.Subscription subscription = Input.required("subscription", body.subscription());
        String endpoint = endpoints.check(Input.required("subscription.endpoint", subscription.endpoint()));
        DeviceRegistration.Keys keys = Input.required("subscription.keys", subscription.keys());
        byte[] p256dh = base64url(Input.required("subscription.keys.p256dh", keys.p256dh()));
        if (p256dh == null || !onCurve(p256dh)) {
            throw ApiException.badRequest("Invalid Web Push subscription: p256dh must be a P-256 public key");
        }
        byte[] auth = base64url(Input.required("subscription.keys.auth", keys.auth()));
        if (auth == null || auth.length != 16) {
            throw ApiException.badRequest("Invalid Web Push subscription: auth must be 16 bytes");
        }
        return new NewDevice(userId, id, sessionId, PushTarget.WEBPUSH, endpoint, keys.p256dh(), keys.auth(), appId,
                locale);
    }

    private static String token(DeviceRegistration body, String given, Pattern format, String message) {
        String token = Input.required("token", given);
        if (body.subscription() != null || !format.matcher(token).matches()) {
            throw ApiException.badRequest(message);
        }
        return token;
    }

    private static String optional(String value, Pattern format, String message) {
        if (value != null && !format.matcher(value).matches()) {
            throw ApiException.badRequest(message);
        }
        return value;
    }

    private static String lower(String token) {
        return token == null ? null : token.toLowerCase(Locale.ROOT);
    }

    private static byte[] base64url(String text) {
        try {
            return Base64.getUrlDecoder().decode(text.replace("=", ""));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // An uncompressed point (0x04, x, y) that lies on the curve; anything else could never be encrypted to.
    private static boolean onCurve(byte[] point) {
        if (point.length != 65 || point[0] != 4) {
            return false;
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 33));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 33, 65));
        if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0) {
            return false;
        }
        BigInteger right = x.pow(3).subtract(x.multiply(BigInteger.valueOf(3))).add(B).mod(P);
        return y.pow(2).mod(P).equals(right);
    }
}
