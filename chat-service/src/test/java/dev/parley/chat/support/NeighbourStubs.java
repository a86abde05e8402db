package dev.parley.chat.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

import dev.parley.common.testing.TestTokens;

/**
 * Stands in for account-service (its JWKS) and friendship-service ({@code GET /v1/friendships/{user_id}}, answered
 * for the caller named by the bearer token's {@code sub}). Tests say who is friends with whom, and can make
 * friendship-service fail.
 */
public final class NeighbourStubs {

    private static final Set<String> FRIENDS = ConcurrentHashMap.newKeySet();
    private static volatile boolean friendshipServiceDown;
    private static Vertx vertx;
    private static HttpServer server;

    private NeighbourStubs() {
    }

    /** Starts the stub on a free port and answers the base URL. */
    public static synchronized String start() {
        if (server == null) {
            vertx = Vertx.vertx();
            server = vertx.createHttpServer().requestHandler(request -> {
                String path = request.path();
                if (path.equals("/.well-known/jwks.json")) {
                    request.response().putHeader("content-type", "application/json").end(TestTokens.jwks());
                } else if (path.startsWith("/v1/friendships/")) {
                    if (friendshipServiceDown) {
                        request.response().setStatusCode(503).end();
                        return;
                    }
                    long other = Long.parseLong(path.substring("/v1/friendships/".length()));
                    long caller = callerOf(request.getHeader("Authorization"));
                    String status = FRIENDS.contains(pair(caller, other)) ? "friends" : "none";
                    request.response().putHeader("content-type", "application/json")
                            .end(new JsonObject(Map.of("user_id", other, "status", status)).encode());
                } else {
                    request.response().setStatusCode(404).end();
                }
            });
            try {
                server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return "http://127.0.0.1:" + server.actualPort();
    }

    public static synchronized void stop() {
        if (vertx != null) {
            vertx.close();
            vertx = null;
            server = null;
        }
    }

    public static void befriend(long a, long b) {
        FRIENDS.add(pair(a, b));
    }

    public static void unfriend(long a, long b) {
        FRIENDS.remove(pair(a, b));
    }

    public static void friendshipServiceDown(boolean down) {
        friendshipServiceDown = down;
    }

    private static String pair(long a, long b) {
        return Math.min(a, b) + ":" + Math.max(a, b);
    }

    private static long callerOf(String authorization) {
        String jwt = authorization.substring("Bearer ".length());
        String claims = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return Long.parseLong(new JsonObject(claims).getString("sub"));
    }
}
