package dev.parley.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real WebSocket client of {@code /v1/stream}. It keeps every event it receives in arrival order, to be read one
 * at a time ({@link #next}, {@link #drain}) or looked at as a whole ({@link #events}, {@link #await}), and remembers
 * how the connection ended.
 */
public final class StreamClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final BlockingQueue<JsonNode> unread = new LinkedBlockingQueue<>();
    private final CompletableFuture<Ending> ended = new CompletableFuture<>();
    private volatile WebSocket socket;
    private volatile String owner = "a user";

    private StreamClient() {
    }

    /**
     * Connects to the stream of the service (or front door) at {@code baseUrl} with {@code Authorization: Bearer};
     * with no header at all when the token is null.
     */
    public static StreamClient withHeader(String baseUrl, String token) {
        return open(URI.create(streamUrl(baseUrl)), token);
    }

    /** Connects the way browsers do, with the token in the query string. */
    public static StreamClient withQueryToken(String baseUrl, String token) {
        return open(URI.create(streamUrl(baseUrl) + "?access_token=" + token), null);
    }

    private static String streamUrl(String baseUrl) {
        return baseUrl.replaceFirst("^http", "ws") + "/v1/stream";
    }

    private static StreamClient open(URI uri, String token) {
        StreamClient client = new StreamClient();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        client.socket = builder.buildAsync(uri, client.new Listener()).orTimeout(10, TimeUnit.SECONDS).join();
        return client;
    }

    /** Names whose stream this is, for assertion messages. */
    public StreamClient of(String owner) {
        this.owner = owner;
        return this;
    }

    /** The next event not yet read, waiting up to the timeout; null if none came. */
    public JsonNode next(Duration timeout) throws InterruptedException {
        return unread.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next event of the type, skipping (and so reading) others; null if none came within the timeout. */
    public JsonNode next(String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode event = next(Duration.ofNanos(deadline - System.nanoTime()));
            if (event != null && type.equals(event.path("type").asText())) {
                return event;
            }
        }
        return null;
    }

    /** Reads events of the type until none comes within the timeout; those read. */
    public List<JsonNode> drain(String type, Duration timeout) throws InterruptedException {
        List<JsonNode> found = new ArrayList<>();
        JsonNode event;
        while ((event = next(type, timeout)) != null) {
            found.add(event);
        }
        return found;
    }

    /** Every event so far, read or not, in arrival order. */
    public List<JsonNode> events() {
        return List.copyOf(events);
    }

    public List<JsonNode> events(Predicate<JsonNode> filter) {
        return events.stream().filter(filter).toList();
    }

    /** The {@code message.created} events of one conversation so far, in arrival order. */
    public List<JsonNode> created(long conversationId) {
        return events(ofType("message.created").and(in(conversationId)));
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

    /** Sends a text frame. */
    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /**
     * How the connection ended, {@code "<code> <reason>"}, waiting up to the timeout; null if it is still open. The
     * code is -1 when the connection broke or was closed here.
     */
    public String awaitClose(Duration timeout) {
        try {
            return ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS).toString();
        } catch (TimeoutException stillOpen) {
            return null;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The close code the server sent (-1 when the connection broke or was closed here); 0 while open. */
    public int closeCode() {
        return ended.isDone() ? ended.join().code() : 0;
    }

    public boolean isOpen() {
        return !ended.isDone();
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
        ended.complete(new Ending(-1, "closed by the client"));
    }

    @Override
    public String toString() {
        return "stream of " + owner;
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode().put("type", "unparseable").put("text", text);
        }
    }

    private record Ending(int code, String reason) {

        @Override
        public String toString() {
            return code + " " + reason;
        }
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode event = parse(partial.toString());
                events.add(event);
                unread.add(event);
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ended.complete(new Ending(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ended.complete(new Ending(-1, String.valueOf(error)));
        }
    }
}
