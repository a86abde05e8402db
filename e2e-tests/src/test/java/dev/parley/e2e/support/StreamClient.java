package dev.parley.e2e.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real WebSocket client on {@code ws://127.0.0.1:8080/v1/stream}, through the proxy, keeping every event it
 * receives in arrival order.
 */
public final class StreamClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final String name;
    private WebSocket socket;

    private StreamClient(String name) {
        this.name = name;
    }

    /** Connects with {@code Authorization: Bearer}. */
    public static StreamClient connect(User user) {
        return open(user.toString(), URI.create(FrontDoor.STREAM), user.accessToken());
    }

    /** Connects the way browsers do, with the token in the query string. */
    public static StreamClient connectWithQueryToken(User user) {
        return open(user.toString(), URI.create(FrontDoor.STREAM + "?access_token=" + user.accessToken()), null);
    }

    private static StreamClient open(String name, URI uri, String token) {
        StreamClient client = new StreamClient(name);
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        client.socket = builder.buildAsync(uri, client.new Listener()).orTimeout(10, TimeUnit.SECONDS).join();
        return client;
    }

    /** Every event so far, in arrival order. */
    public List<JsonNode> events() {
        return List.copyOf(events);
    }

    /** The {@code message.created} events of one conversation so far, in arrival order. */
    public List<JsonNode> created(long conversationId) {
        return events(ofType("message.created").and(in(conversationId)));
    }

    public List<JsonNode> events(Predicate<JsonNode> filter) {
        return events.stream().filter(filter).toList();
    }

    /**
     * Waits until at least {@code count} events match, then a little longer so that anything extra (a duplicate)
     * would show too; returns every match. Fewer than {@code count} when the timeout passed first.
     */
    public List<JsonNode> await(Predicate<JsonNode> filter, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (events(filter).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300);
        return events(filter);
    }

    /** Waits for the {@code message.created} events of a conversation; see {@link #await}. */
    public List<JsonNode> awaitCreated(long conversationId, int count, Duration timeout) throws InterruptedException {
        return await(ofType("message.created").and(in(conversationId)), count, timeout);
    }

    /** The first event matching, waiting up to the timeout; null if none came. */
    public JsonNode awaitFirst(Predicate<JsonNode> filter, Duration timeout) throws InterruptedException {
        List<JsonNode> found = await(filter, 1, timeout);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Whether the server ended the connection (closed or broke it) within the timeout. */
    public boolean awaitClosed(Duration timeout) {
        try {
            closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception notYet) {
            return closed.isDone();
        }
    }

    /** The close code the server sent (-1 when the connection broke or was closed here), once closed. */
    public int closeCode() {
        return closed.getNow(0);
    }

    public boolean isOpen() {
        return !closed.isDone();
    }

    public static Predicate<JsonNode> ofType(String type) {
        return event -> type.equals(event.path("type").asText());
    }

    public static Predicate<JsonNode> in(long conversationId) {
        return event -> event.path("conversation_id").asLong() == conversationId;
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
        closed.complete(-1);
    }

    @Override
    public String toString() {
        return "stream of " + name;
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    events.add(JSON.readTree(partial.toString()));
                } catch (JsonProcessingException e) {
                    events.add(JSON.createObjectNode().put("type", "unparseable").put("text", partial.toString()));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
