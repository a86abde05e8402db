package dev.parley.e2e.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Sends messages through the front door the way a mobile client does under bad conditions: every attempt has a
 * deadline, and every outcome is recorded (status, body, how long it took, or the connection error). Each user sends
 * from their own device, with its own address.
 */
public final class Sender {

    /** Longest an attempt may take before it counts as hanging. */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One try to send one message. {@code status} is -1 when no HTTP answer came (see {@code error}). */
    public record Attempt(User sender, long conversation, String clientMessageId, int status, JsonNode body,
            Duration took, String error) {

        public boolean acknowledged() {
            return status == 200 || status == 201;
        }

        public long seq() {
            return body.get("seq").asLong();
        }

        @Override
        public String toString() {
            return clientMessageId + " -> " + (status == -1 ? error : status + " " + body) + " in " + took.toMillis()
                    + " ms";
        }
    }

    // Each user's device, with its own address (FrontDoor.deviceOf).
    private final Map<Long, HttpClient> devices = new ConcurrentHashMap<>();
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

    /** Every attempt so far, by every thread using this sender. */
    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    public Attempt send(User sender, long conversation, String clientMessageId) {
        long started = System.nanoTime();
        int status = -1;
        JsonNode body = null;
        String error = null;
        try {
            String json = JSON.writeValueAsString(
                    Map.of("body", "message " + clientMessageId, "client_message_id", clientMessageId));
            HttpResponse<String> response = deviceOf(sender).send(HttpRequest.newBuilder(
                    URI.create(FrontDoor.URL + "/v1/conversations/" + conversation + "/messages"))
                    .timeout(ATTEMPT_TIMEOUT)
                    .header("Authorization", "Bearer " + sender.accessToken())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            body = response.body().isEmpty() ? JSON.nullNode() : parse(response.body());
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        Attempt attempt = new Attempt(sender, conversation, clientMessageId, status, body,
                Duration.ofNanos(System.nanoTime() - started), error);
        attempts.add(attempt);
        return attempt;
    }

    /**
     * Sends until the message is acknowledged, retrying with the same {@code client_message_id} after a failure,
     * until the deadline; the acknowledging attempt, or null when the deadline came first.
     */
    public Attempt sendUntilAcknowledged(User sender, long conversation, String clientMessageId, long deadlineNanos)
            throws InterruptedException {
        while (System.nanoTime() < deadlineNanos) {
            Attempt attempt = send(sender, conversation, clientMessageId);
            if (attempt.acknowledged()) {
                return attempt;
            }
            Thread.sleep(100);
        }
        return null;
    }

    private HttpClient deviceOf(User user) {
        // HTTP/1.1 as mobile clients speak it through the proxy (no h2c upgrade attempt).
        return devices.computeIfAbsent(user.id(), id -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .localAddress(FrontDoor.deviceOf(user)).connectTimeout(Duration.ofSeconds(5)).build());
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.createObjectNode().put("unparseable", text);
        }
    }
}
