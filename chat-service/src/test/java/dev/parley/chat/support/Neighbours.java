package dev.parley.chat.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.parley.testing.NeighbourStub.onBehalfOf;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import dev.parley.testing.NeighbourStub;

/**
 * chat-service's neighbours on one {@link NeighbourStub}: account-service (its key set) and friendship-service
 * ({@code GET /v1/friendships/{user_id}}, answered for the caller whose token comes with it). Tests say who is
 * friends with whom, and can take friendship-service down.
 */
public final class Neighbours {

    private static final Map<String, List<StubMapping>> FRIENDSHIPS = new ConcurrentHashMap<>();
    private static volatile NeighbourStub stub;
    private static volatile StubMapping friendshipServiceOutage;

    private Neighbours() {
    }

    /** Starts the stub, unless it is running already, and answers its URL. */
    public static synchronized String start() {
        if (stub == null) {
            stub = NeighbourStub.start(Neighbours::everyoneAStranger);
        }
        return stub.url();
    }

    public static synchronized void stop() {
        if (stub != null) {
            stub.close();
            stub = null;
            FRIENDSHIPS.clear();
            friendshipServiceOutage = null;
        }
    }

    public static void befriend(long a, long b) {
        unfriend(a, b);
        FRIENDSHIPS.put(pair(a, b), List.of(stub.stubFor(friends(a, b)), stub.stubFor(friends(b, a))));
    }

    public static void unfriend(long a, long b) {
        List<StubMapping> friendship = FRIENDSHIPS.remove(pair(a, b));
        if (friendship != null) {
            friendship.forEach(stub::removeStub);
        }
    }

    /** While down, friendship-service answers every question with 503. */
    public static synchronized void friendshipServiceDown(boolean down) {
        if (down && friendshipServiceOutage == null) {
            friendshipServiceOutage = stub.stubFor(get(urlPathMatching("/v1/friendships/.*")).atPriority(1)
                    .willReturn(aResponse().withStatus(503)));
        } else if (!down && friendshipServiceOutage != null) {
            stub.removeStub(friendshipServiceOutage);
            friendshipServiceOutage = null;
        }
    }

    private static void everyoneAStranger(NeighbourStub neighbours) {
        neighbours.stubFor(get(urlPathMatching("/v1/friendships/[0-9]+")).atPriority(10)
                .willReturn(okJson("{\"user_id\": {{request.pathSegments.[2]}}, \"status\": \"none\"}")
                        .withTransformers("response-template")));
    }

    private static MappingBuilder friends(long caller, long other) {
        return get(urlPathEqualTo("/v1/friendships/" + other)).andMatching(onBehalfOf(caller)).atPriority(5)
                .willReturn(okJson("{\"user_id\": " + other + ", \"status\": \"friends\"}"));
    }

    private static String pair(long a, long b) {
        return Math.min(a, b) + ":" + Math.max(a, b);
    }
}
