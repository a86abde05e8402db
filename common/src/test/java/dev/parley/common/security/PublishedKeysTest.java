package dev.parley.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

class PublishedKeysTest {

    @Test
    void aServiceStartedBeforeAccountServiceHasTheKeysWithinSecondsOfItsComingUpNotAfterTheRefreshInterval()
            throws Exception {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("first");
        int port = freePort();
        PublishedKeys keys = new PublishedKeys("http://127.0.0.1:" + port + "/.well-known/jwks.json", settings());
        Vertx vertx = Vertx.vertx();
        HttpServer accountService = null;
        try {
            keys.start(new StartupEvent(), vertx);
            assertThat(keys.all()).as("keys while account-service is down").isEmpty();
            assertThat(keys.known()).as("known while account-service is down").isFalse();

            accountService = serve(port, new JsonWebKeySet(key).toJson());
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (keys.all().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(keys.all()).as("keys once account-service is up").containsOnlyKeys("first");
            assertThat(keys.known()).as("known once account-service is up").isTrue();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
            if (accountService != null) {
                accountService.stop(0);
            }
        }
    }

    private static KeySetSettings settings() {
        return new KeySetSettings() {

            @Override
            public Duration refreshInterval() {
                return Duration.ofMinutes(5);
            }

            @Override
            public Duration unknownKeyRefetch() {
                return Duration.ofSeconds(30);
            }

            @Override
            public Duration timeout() {
                return Duration.ofMillis(500);
            }
        };
    }

    private static HttpServer serve(int port, String jwks) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/.well-known/jwks.json", exchange -> {
            byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
