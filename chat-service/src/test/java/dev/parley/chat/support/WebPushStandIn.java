package dev.parley.chat.support;

import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;

/**
 * A browser's push service played by a real HTTP server: accepts {@code POST /push/{subscription}} with 201 when
 * the request carries a valid VAPID authorization ({@code vapid t=<jwt>, k=<key>}, RFC 8292) for the application
 * server key {@link #vapidPublicKey()}, an {@code aes128gcm} body and a {@code TTL}. The encrypted bodies are read
 * with a {@link WebPushSubscriber}.
 */
public final class WebPushStandIn extends StandInServer {

    public static final String SUBJECT = "mailto:push@parley.invalid";
    private static final Pattern VAPID = Pattern.compile("vapid t=([^,\\s]+),\\s*k=([A-Za-z0-9_-]+)");

    private final KeyPair vapid = TestKeys.ec();

    private WebPushStandIn() {
    }

    public static WebPushStandIn start() {
        WebPushStandIn standIn = new WebPushStandIn();
        standIn.start(new HttpServerOptions());
        return standIn;
    }

    /** The application server's VAPID public key, uncompressed, base64url. */
    public String vapidPublicKey() {
        return TestKeys.base64url(TestKeys.uncompressed((ECPublicKey) vapid.getPublic()));
    }

    /** The application server's VAPID private key, raw, base64url. */
    public String vapidPrivateKey() {
        return TestKeys.base64url(TestKeys.raw((ECPrivateKey) vapid.getPrivate()));
    }

    /** A push endpoint of this service for {@code subscription}. */
    public String endpoint(String subscription) {
        return url() + "/push/" + subscription;
    }

    @Override
    protected Answer answer(RecordedRequest request) {
        if (!request.method().equals("POST") || !request.path().startsWith("/push/")) {
            return refuse(404, "no route " + request.method() + " " + request.path());
        }
        Matcher vapidHeader = VAPID.matcher(String.valueOf(request.header("Authorization")));
        if (!vapidHeader.matches() || !vapidHeader.group(2).equals(vapidPublicKey())) {
            return refuse(401, "authorization " + request.header("Authorization"));
        }
        JsonObject claims;
        try {
            claims = TestKeys.verify(vapidHeader.group(1), "ES256", vapid.getPublic()).claims();
        } catch (AssertionError e) {
            return refuse(403, e.getMessage());
        }
        long untilExpiry = claims.getLong("exp", 0L) - Instant.now().getEpochSecond();
        if (!url().equals(claims.getString("aud")) || untilExpiry <= 0 || untilExpiry > 24 * 3600
                || !SUBJECT.equals(claims.getString("sub"))) {
            return refuse(403, "claims " + claims.encode());
        }
        if (!"aes128gcm".equals(request.header("Content-Encoding")) || request.header("TTL") == null) {
            return refuse(400, "encoding " + request.header("Content-Encoding") + ", TTL " + request.header("TTL"));
        }
        Answer scripted = scripted();
        return scripted != null ? scripted : Answer.status(201).withHeader("Location", request.path() + "/msg");
    }

    private Answer refuse(int status, String why) {
        return refuse(why, Answer.status(status));
    }
}
