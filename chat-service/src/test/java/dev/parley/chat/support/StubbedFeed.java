package dev.parley.chat.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import dev.parley.testing.NeighbourStub;

/**
 * A neighbour's event feed ({@code GET /internal/v1/feed}) played on its {@link NeighbourStub}: caught up and empty
 * until a test publishes events, then one event per answer, in order, as the follower asks from each cursor. The
 * cursors of a run start above any an earlier run may have left in {@code feed_positions}, so a follower that resumes
 * from one of those is sent back to the start of this run's events.
 */
public final class StubbedFeed {

    public static final String PATH = "/internal/v1/feed";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NeighbourStub stub;
    // Microseconds since the epoch: above every cursor of an earlier run, however many events that one published.
    private final long base = System.currentTimeMillis() * 1000;
    private long published;
    private StubMapping tail;
    private StubMapping outage;

    StubbedFeed(NeighbourStub stub) {
        this.stub = stub;
        // A cursor of another run: back to the start of this one.
        stub.stubFor(get(urlPathEqualTo(PATH)).atPriority(10).willReturn(okJson(page(null, cursor(0)))));
        tail = stub.stubFor(emptyAfter(cursor(0)));
    }

    /** Publishes an event whose position is its place in the feed; answers its cursor. */
    public String publish(String type, String key, Object data) {
        synchronized (this) {
            return publish(type, key, data, base + published + 1);
        }
    }

    /** Publishes an event with the given position (a producer's position only ever grows; tests may say otherwise). */
    public synchronized String publish(String type, String key, Object data, long position) {
        String after = cursor(published);
        published++;
        String cursor = cursor(published);
        Map<String, Object> event = Map.of("cursor", cursor, "position", position, "type", type, "key", key,
                "data", data, "occurred_at", Instant.now().toString());
        // The newer mapping of the same request wins, so no request falls between the two.
        StubMapping previous = tail;
        stub.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("after", equalTo(after)).atPriority(5)
                .willReturn(okJson(page(event, cursor))));
        tail = stub.stubFor(emptyAfter(cursor));
        stub.removeStub(previous);
        return cursor;
    }

    /** Waits until a follower asked for what comes after {@code cursor}: it has applied everything up to it. */
    public void awaitReadPast(String cursor) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (requestsAfter(cursor) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The feed was not read past " + cursor);
            }
            pause();
        }
    }

    /**
     * While down, the feed answers 503. Going down waits until a follower has seen it fail, so that it no longer
     * counts itself current.
     */
    public synchronized void down(boolean down) {
        if (down && outage == null) {
            int before = stub.count(getRequestedFor(urlPathEqualTo(PATH)));
            outage = stub.stubFor(get(urlPathEqualTo(PATH)).atPriority(1).willReturn(aResponse().withStatus(503)));
            // The second failed request comes only after the first failure was handled.
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (stub.count(getRequestedFor(urlPathEqualTo(PATH))) < before + 2) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Nobody read the feed while it was down");
                }
                pause();
            }
        } else if (!down && outage != null) {
            stub.removeStub(outage);
            outage = null;
        }
    }

    private int requestsAfter(String cursor) {
        return stub.count(getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("after", equalTo(cursor)));
    }

    private MappingBuilder emptyAfter(String cursor) {
        return get(urlPathEqualTo(PATH)).withQueryParam("after", equalTo(cursor)).atPriority(5)
                .willReturn(okJson(page(null, cursor)));
    }

    private String cursor(long index) {
        return Long.toString(base + index);
    }

    private static String page(Map<String, Object> event, String cursor) {
        try {
            List<Object> events = event == null ? List.of() : List.of(event);
            return JSON.writeValueAsString(Map.of("events", events, "cursor", cursor, "behind", 0));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
