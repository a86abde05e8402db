package dev.parley.chat.support;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;

/**
 * Firebase Cloud Messaging played by a real HTTP server: Google's OAuth token endpoint ({@code /token}), which
 * checks the service account's RS256 assertion, and FCM's {@code /v1/projects/{project}/messages:send}, which checks
 * the access token. {@link #serviceAccount()} is a service-account JSON key for it, with a fresh RSA key.
 */
public final class FcmStandIn extends StandInServer {

    public static final String PROJECT = "parley-test";
    public static final String CLIENT_EMAIL = "push@parley-test.iam.gserviceaccount.com";
    public static final String SEND_PATH = "/v1/projects/" + PROJECT + "/messages:send";
    public static final String TOKEN_PATH = "/token";

    private final KeyPair key = TestKeys.rsa();
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final AtomicInteger exchanges = new AtomicInteger();
    private volatile long expiresIn = 3599;

    private FcmStandIn() {
    }

    public static FcmStandIn start() {
        FcmStandIn standIn = new FcmStandIn();
        standIn.start(new HttpServerOptions());
        return standIn;
    }

    /** A service-account JSON key whose token URI is this stand-in's. */
    public String serviceAccount() {
        return new JsonObject().put("type", "service_account").put("project_id", PROJECT)
                .put("private_key_id", "test-key").put("private_key", TestKeys.pem(key))
                .put("client_email", CLIENT_EMAIL).put("token_uri", url() + TOKEN_PATH).encode();
    }

    /** Access tokens exchanged so far. */
    public int exchanges() {
        return exchanges.get();
    }

    /** Makes every access token issued so far unknown, as if revoked: FCM answers 401 to them. */
    public void revokeAccessTokens() {
        issued.clear();
    }

    public void expiresIn(long seconds) {
        expiresIn = seconds;
    }

    public List<RecordedRequest> sends() {
        return requests(SEND_PATH);
    }

    @Override
    protected Answer answer(RecordedRequest request) {
        if (request.path().equals(TOKEN_PATH)) {
            return token(request);
        }
        if (!request.path().equals(SEND_PATH) || !request.method().equals("POST")) {
            return refuse(404, "NOT_FOUND", "No route " + request.method() + " " + request.path());
        }
        String authorization = String.valueOf(request.header("Authorization"));
        if (!authorization.startsWith("Bearer ") || !issued.contains(authorization.substring(7))) {
            return refuse(401, "UNAUTHENTICATED", "Unknown access token " + authorization);
        }
        Answer scripted = scripted();
        return scripted != null
                ? scripted
                : Answer.json(200, new JsonObject().put("name", "projects/" + PROJECT + "/messages/0:1").encode());
    }

    private Answer token(RecordedRequest request) {
        Map<String, String> form = Stream.of(request.text().split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(p -> decode(p[0]), p -> p.length > 1 ? decode(p[1]) : ""));
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
            return oauthRefusal("grant_type " + form.get("grant_type"));
        }
        JsonObject claims;
        try {
            claims = TestKeys.verify(form.get("assertion"), "RS256", key.getPublic()).claims();
        } catch (AssertionError e) {
            return oauthRefusal(e.getMessage());
        }
        long now = Instant.now().getEpochSecond();
        long iat = claims.getLong("iat", 0L);
        if (!CLIENT_EMAIL.equals(claims.getString("iss"))
                || !"https://www.googleapis.com/auth/firebase.messaging".equals(claims.getString("scope"))
                || !(url() + TOKEN_PATH).equals(claims.getString("aud")) || Math.abs(now - iat) > 60
                || claims.getLong("exp", 0L) != iat + 3600) {
            return oauthRefusal("claims " + claims.encode());
        }
        String accessToken = "ya29.test-" + exchanges.incrementAndGet();
        issued.add(accessToken);
        return Answer.json(200, new JsonObject().put("access_token", accessToken).put("expires_in", expiresIn)
                .put("token_type", "Bearer").encode());
    }

    private Answer oauthRefusal(String why) {
        return refuse("oauth: " + why, Answer.json(400,
                new JsonObject().put("error", "invalid_grant").put("error_description", why).encode()));
    }

    private Answer refuse(int status, String code, String why) {
        return refuse(why, Answer.json(status, error(status, code, why, null)));
    }

    /** FCM's error envelope, with an {@code FcmError} detail when {@code errorCode} is given. */
    public static String error(int status, String code, String message, String errorCode) {
        JsonObject error = new JsonObject().put("code", status).put("message", message).put("status", code);
        if (errorCode != null) {
            error.put("details", List.of(new JsonObject()
                    .put("@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError").put("errorCode", errorCode)));
        }
        return new JsonObject().put("error", error).encode();
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
