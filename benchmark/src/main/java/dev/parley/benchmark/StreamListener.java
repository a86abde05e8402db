package dev.parley.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One recipient's WebSocket on {@code /v1/stream}, connected the way browsers do ({@code ?access_token=}): when each
 * {@code message.created} frame arrived ({@link System#nanoTime()}), in arrival order, and how the socket ended.
 * Frames of other types (typing, presence, read marks, ...) are not kept.
 */
final class StreamListener implements WebSocket.Listener {

    /** A {@code message.created} frame: its conversation and seq, and when it arrived. */
    record Arrival(long conversationId, long seq, long at) {
    }

    private final List<Arrival> arrivals = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private volatile String ending;

    private StreamListener() {
    }

    static CompletableFuture<StreamListener> open(HttpClient http, String baseUrl, String accessToken) {
        StreamListener listener = new StreamListener();
        URI uri = URI.create(baseUrl.replaceFirst("^http", "ws") + "/v1/stream?access_token=" + accessToken);
        return http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, listener)
                .thenApply(socket -> {
                    listener.socket = socket;
                    return listener;
                });
    }

    /** The frames so far, in arrival order. */
    List<Arrival> arrivals() {
        synchronized (arrivals) {
            return List.copyOf(arrivals);
        }
    }

    /** How the socket ended ({@code "<code> <reason>"} or the error), or null while it is open. */
    String ending() {
        return ending;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            long at = System.nanoTime();
            record(partial.toString(), at);
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    private void record(String frame, long at) {
        try {
            JsonNode event = Api.JSON.readTree(frame);
            if ("message.created".equals(event.path("type").asText())) {
                synchronized (arrivals) {
                    arrivals.add(new Arrival(event.path("conversation_id").asLong(), event.path("seq").asLong(), at));
                }
            }
        } catch (Exception unreadable) {
            // Not an event of this contract: nothing to check it against.
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        ending = statusCode + " " + reason;
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ending = String.valueOf(error);
    }

    /** Drops the connection. */
    void close() {
        if (socket != null) {
            socket.abort();
        }
        if (ending == null) {
            ending = "closed by the benchmark";
        }
    }
}
