package dev.parley.benchmark;

import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * Stands in for account-service (JWKS, an event feed without revocations) and friendship-service (everyone is
 * friends, an event feed without changes), so the benchmark measures chat-service and PostgreSQL only.
 */
final class Neighbours implements AutoCloseable {

    private final Vertx vertx;
    private final HttpServer server;

    private Neighbours(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    static Neighbours start() throws Exception {
        Vertx vertx = Vertx.vertx();
        String jwks = Tokens.jwks();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            if (request.path().equals("/.well-known/jwks.json")) {
                request.response().putHeader("content-type", "application/json").end(jwks);
            } else if (request.path().equals("/internal/v1/feed")) {
                request.response().putHeader("content-type", "application/json")
                        .end("{\"events\":[],\"cursor\":\"0\",\"behind\":0}");
            } else if (request.path().startsWith("/v1/friendships/")) {
                String other = request.path().substring("/v1/friendships/".length());
                request.response().putHeader("content-type", "application/json")
                        .end("{\"user_id\":" + other + ",\"status\":\"friends\"}");
            } else {
                request.response().setStatusCode(404).end();
            }
        });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new Neighbours(vertx, server);
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    @Override
    public void close() {
        vertx.close();
    }
}
