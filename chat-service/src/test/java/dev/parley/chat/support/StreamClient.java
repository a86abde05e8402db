package dev.parley.chat.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vertx.core.json.JsonObject;

/** A real WebSocket client on {@code /v1/stream} that keeps every event it receives, in order. */
public final class StreamClient implements AutoCloseable {

    private final BlockingQueue<JsonObject> events;
    private final WebSocket socket;
    private final CompletableFuture<String> closed;

    private StreamClient(BlockingQueue<JsonObject> events, WebSocket socket, CompletableFuture<String> closed) {
        this.events = events;
        this.socket = socket;
        this.closed = closed;
    }

    /** Connects with {@code Authorization: Bearer}. */
    public static StreamClient withHeader(String baseUri, String token) {
        return connect(URI.create(baseUri.replace("http", "ws") + "/v1/stream"), token);
    }

    /** Connects the way browsers do, with the token in the query string. */
    public static StreamClient withQueryToken(String baseUri, String token) {
        return connect(URI.create(baseUri.replace("http", "ws") + "/v1/stream?access_token=" + token), null);
    }

    private static StreamClient connect(URI uri, String token) {
        BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
        CompletableFuture<String> closed = new CompletableFuture<>();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        WebSocket socket = builder.buildAsync(uri, new Listener(received, closed)).join();
        return new StreamClient(received, socket, closed);
    }

    /** The next event, waiting up to the timeout; null if none came. */
    public JsonObject next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next event of the given type, skipping others. */
    public JsonObject next(String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject event = next(Duration.ofNanos(deadline - System.nanoTime()));
            if (event != null && type.equals(event.getString("type"))) {
                return event;
            }
        }
        return null;
    }

    /** Every event of the type received within the timeout. */
    public List<JsonObject> drain(String type, Duration timeout) throws InterruptedException {
        List<JsonObject> found = new ArrayList<>();
        JsonObject event;
        while ((event = next(type, timeout)) != null) {
            found.add(event);
        }
        return found;
    }

    /** Sends a text frame. */
    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /** How the server closed the socket ({@code "<code> <reason>"}), waiting up to the timeout; null if it did not. */
    public String awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean isOpen() {
        return !socket.isInputClosed();
    }

    @Override
    public void close() {
        socket.abort();
    }

    private static final class Listener implements WebSocket.Listener {

        private final BlockingQueue<JsonObject> received;
        private final CompletableFuture<String> closed;
        private final StringBuilder partial = new StringBuilder();

        Listener(BlockingQueue<JsonObject> received, CompletableFuture<String> closed) {
            this.received = received;
            this.closed = closed;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(new JsonObject(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
