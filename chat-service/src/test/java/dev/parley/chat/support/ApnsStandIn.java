package dev.parley.chat.support;

import java.security.KeyPair;
import java.time.Instant;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;

/**
 * APNs played by a real HTTP/2 server (cleartext, prior knowledge): {@code POST /3/device/{token}}, which refuses a
 * request that is not HTTP/2 or whose bearer token is not an ES256 JWT of {@link #TEAM_ID} signed with this
 * stand-in's key ({@link #privateKeyPem()}, id {@link #KEY_ID}).
 */
public final class ApnsStandIn extends StandInServer {

    public static final String TEAM_ID = "TEAM123456";
    public static final String KEY_ID = "KEY7654321";

    private final KeyPair key = TestKeys.ec();

    private ApnsStandIn() {
    }

    public static ApnsStandIn start() {
        ApnsStandIn standIn = new ApnsStandIn();
        standIn.start(new HttpServerOptions().setHttp2ClearTextEnabled(true));
        return standIn;
    }

    /** The {@code .p8} signing key. */
    public String privateKeyPem() {
        return TestKeys.pem(key);
    }

    @Override
    protected Answer answer(RecordedRequest request) {
        if (request.version() != HttpVersion.HTTP_2) {
            return refuse(505, "HttpVersion " + request.version());
        }
        if (!request.method().equals("POST") || !request.path().startsWith("/3/device/")) {
            return refuse(404, "BadPath");
        }
        String authorization = String.valueOf(request.header("authorization"));
        try {
            TestKeys.Verified jwt = TestKeys.verify(authorization.replaceFirst("^bearer ", ""), "ES256",
                    key.getPublic());
            long age = Instant.now().getEpochSecond() - jwt.claims().getLong("iat", 0L);
            if (!authorization.startsWith("bearer ") || !KEY_ID.equals(jwt.header().getString("kid"))
                    || !TEAM_ID.equals(jwt.claims().getString("iss")) || age < -60 || age > 3600) {
                return refuse(403, "InvalidProviderToken");
            }
        } catch (AssertionError e) {
            return refuse(403, "InvalidProviderToken");
        }
        Answer scripted = scripted();
        return scripted != null ? scripted : Answer.status(200).withHeader("apns-id", request.header("apns-id"));
    }

    private Answer refuse(int status, String reason) {
        return refuse(reason, reason(status, reason));
    }

    /** APNs's error answer: {@code {"reason": ...}}. */
    public static Answer reason(int status, String reason) {
        return Answer.json(status, new JsonObject().put("reason", reason).encode());
    }
}
