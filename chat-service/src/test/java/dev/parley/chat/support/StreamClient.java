package dev.parley.chat.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.vertx.core.json.JsonObject;

/** A real WebSocket client on {@code /v1/stream} that keeps every event it receives, in order. */
public final class StreamClient implements AutoCloseable {

    private final BlockingQueue<JsonObject> events;
    private final WebSocket socket;

    private StreamClient(BlockingQueue<JsonObject> events, WebSocket socket) {
        this.events = events;
        this.socket = socket;
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
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        WebSocket socket = builder.buildAsync(uri, new Listener(received)).join();
        return new StreamClient(received, socket);
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

    public boolean isOpen() {
        return !socket.isInputClosed();
    }

    @Override
    public void close() {
        socket.abort();
    }

    private static final class Listener implements WebSocket.Listener {

        private final BlockingQueue<JsonObject> received;
        private final StringBuilder partial = new StringBuilder();

        Listener(BlockingQueue<JsonObject> received) {
            this.received = received;
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
