package dev.parley.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Firebase Cloud Messaging's HTTP v1 API as chat-service calls it, inside this process on a free port of 127.0.0.1: the
 * service account's token endpoint (any assertion gets an access token) and {@code messages:send} (every message is
 * taken, 200). Each push is recorded with its arrival ({@link System#nanoTime()}, before its body is read) and its
 * {@code data.push_id} and {@code data.message_id}. Signatures and tokens are not checked: chat-service's own tests
 * check what it sends; here only how fast and how often.
 */
final class FcmStandIn implements AutoCloseable {

    static final String PROJECT = "parley-bench";
    private static final String SEND = "/v1/projects/" + PROJECT + "/messages:send";

    /** One {@code messages:send} call: when it arrived, and the push and message it carried. */
    record Push(long at, String pushId, long messageId) {
    }

    private final HttpServer server;
    private final String serviceAccount;
    private final ConcurrentLinkedQueue<Push> pushes = new ConcurrentLinkedQueue<>();
    private final Set<Long> messages = ConcurrentHashMap.newKeySet();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong accessTokens = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    private FcmStandIn(HttpServer server, String serviceAccount) {
        this.server = server;
        this.serviceAccount = serviceAccount;
    }

    /** Listening, with a service account JSON key of a fresh RSA key whose {@code token_uri} is this server. */
    static FcmStandIn start() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        String url = url(server);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String account = Api.JSON.writeValueAsString(Map.of("type", "service_account", "project_id", PROJECT,
                "client_email", "bench@" + PROJECT + ".iam.gserviceaccount.com", "private_key",
                Secrets.pem(generator.generateKeyPair().getPrivate()), "token_uri", url + "/token"));
        FcmStandIn fcm = new FcmStandIn(server, account);
        server.createContext("/token", fcm::token);
        server.createContext("/v1/projects/", fcm::send);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return fcm;
    }

    /** chat-service's settings for FCM: this server as the API, and the service account. */
    Map<String, String> chatSettings() {
        return Map.of("PARLEY_PUSH_FCM_URL", url(server), "PARLEY_PUSH_FCM_SERVICE_ACCOUNT", serviceAccount);
    }

    /** Every push received so far, in arrival order. */
    List<Push> pushes() {
        return List.copyOf(pushes);
    }

    /** How many of {@code messageIds} no push has been received for yet. */
    long missing(Set<Long> messageIds) {
        return messageIds.stream().filter(id -> !messages.contains(id)).count();
    }

    long accessTokens() {
        return accessTokens.get();
    }

    /** Calls answered with an error: a path or a body that is not what FCM takes. */
    long refused() {
        return refused.get();
    }

    private void token(HttpExchange exchange) throws IOException {
        drain(exchange.getRequestBody());
        answer(exchange, 200, "{\"access_token\":\"bench-access-" + accessTokens.incrementAndGet()
                + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}");
    }

    private void send(HttpExchange exchange) throws IOException {
        long at = System.nanoTime();
        JsonNode data;
        try (InputStream body = exchange.getRequestBody()) {
            data = Api.JSON.readTree(body).path("message").path("data");
        } catch (IOException notJson) {
            data = Api.JSON.missingNode();
        }
        if (!exchange.getRequestURI().getPath().equals(SEND) || !data.path("push_id").isTextual()
                || !data.path("message_id").isTextual()) {
            refused.incrementAndGet();
            answer(exchange, 400, "{\"error\":{\"code\":400,\"status\":\"INVALID_ARGUMENT\"}}");
            return;
        }
        Push push = new Push(at, data.get("push_id").asText(), Long.parseLong(data.get("message_id").asText()));
        pushes.add(push);
        messages.add(push.messageId());
        answer(exchange, 200, "{\"name\":\"projects/" + PROJECT + "/messages/" + received.incrementAndGet() + "\"}");
    }

    private static void drain(InputStream body) throws IOException {
        try (body) {
            body.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
