package dev.parley.friendship.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.parley.testing.NeighbourStub;

/**
 * account-service's internal port as friendship-service's tests see it: a {@link NeighbourStub} serving the account
 * feed to callers with the test service token. The feed holds no event until a test {@link #publish}es one; each
 * reader then gets the events after the cursor it asks from, and an empty page echoing that cursor once it has them.
 */
public class AccountFeedStub implements QuarkusTestResourceLifecycleManager {

    /** The service token of the test profile. */
    public static final String TOKEN = "parley-test-internal-token";
    private static final String PATH = "/internal/v1/feed";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static volatile NeighbourStub server;
    private static final List<ObjectNode> events = new ArrayList<>();
    private static final List<StubMapping> pages = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        synchronized (events) {
            events.clear();
            pages.clear();
        }
        server = NeighbourStub.start(AccountFeedStub::caughtUp);
        return Map.of("parley.events.sources.account.url", server.url());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Adds an event to the account feed; answers its position, which is also its cursor. */
    public static long publish(String type, String key, Map<String, Object> data) {
        synchronized (events) {
            long position = events.size() + 1;
            ObjectNode event = JSON.createObjectNode().put("cursor", Long.toString(position)).put("position", position)
                    .put("type", type).put("key", key).put("occurred_at", Instant.now().toString());
            event.set("data", JSON.valueToTree(data));
            events.add(event);
            pages.forEach(server::removeStub);
            pages.clear();
            for (int from = 0; from < events.size(); from++) {
                pages.add(server.stubFor(feed(Integer.toString(from)).atPriority(1)
                        .willReturn(okJson(page(events.subList(from, events.size()))))));
            }
            return position;
        }
    }

    private static MappingBuilder feed(String after) {
        return get(urlPathEqualTo(PATH)).withQueryParam("after", equalTo(after))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN));
    }

    private static String page(List<ObjectNode> found) {
        ObjectNode page = JSON.createObjectNode();
        ArrayNode list = page.putArray("events");
        found.forEach(list::add);
        return page.put("cursor", found.getLast().get("cursor").asText()).put("behind", 0).toString();
    }

    private static void caughtUp(NeighbourStub stub) {
        stub.stubFor(get(urlPathEqualTo(PATH)).atPriority(10).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"events\": [], \"cursor\": \"{{#if request.query.after}}"
                                + "{{request.query.after}}{{else}}0{{/if}}\", \"behind\": 0}")
                        .withTransformers("response-template")));
        stub.stubFor(get(urlPathEqualTo(PATH)).atPriority(20)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"message\": \"Service token required\", \"status\": 401, "
                                + "\"type\": \"Unauthorized\"}}")));
    }
}
