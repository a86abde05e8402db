package dev.parley.chat.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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
 * chat-service's neighbours, each on its {@link NeighbourStub}: account-service (its key set, with
 * {@link SessionTokens}'s key, and its feed of revoked sessions and deleted accounts) and friendship-service
 * ({@code GET /v1/friendships/{user_id}}, answered for the caller whose token comes with it, and its feed of
 * relationships). Tests say who is friends with whom, which both answer alike, and can take friendship-service down.
 */
public final class Neighbours {

    private static final Map<String, List<StubMapping>> ANSWERS = new ConcurrentHashMap<>();
    private static volatile NeighbourStub accountService;
    private static volatile NeighbourStub friendshipService;
    private static volatile StubbedFeed accountFeed;
    private static volatile StubbedFeed friendshipFeed;
    private static volatile StubMapping friendshipServiceOutage;

    private Neighbours() {
    }

    /** Starts the stubs, unless they are running already. */
    public static synchronized void start() {
        if (accountService == null) {
            accountService = NeighbourStub.start(stub -> stub.stubFor(get(urlEqualTo("/.well-known/jwks.json"))
                    .atPriority(1).willReturn(okJson(SessionTokens.jwks()))));
            accountFeed = new StubbedFeed(accountService);
            friendshipService = NeighbourStub.start(Neighbours::everyoneAStranger);
            friendshipFeed = new StubbedFeed(friendshipService);
        }
    }

    public static synchronized void stop() {
        if (accountService != null) {
            accountService.close();
            friendshipService.close();
            accountService = null;
            friendshipService = null;
            ANSWERS.clear();
            friendshipServiceOutage = null;
        }
    }

    public static String accountServiceUrl() {
        return accountService.url();
    }

    public static String friendshipServiceUrl() {
        return friendshipService.url();
    }

    /** friendship-service, to check what it was asked. */
    public static NeighbourStub friendshipService() {
        return friendshipService;
    }

    /** The two become friends; returns once chat-service has applied it to its own copy. */
    public static void befriend(long a, long b) {
        answer(a, b, List.of(status(a, b, "friends"), status(b, a, "friends")));
        friendshipFeed.awaitReadPast(relationshipChanged(a, b, true));
    }

    /** The two are friends no more; returns once chat-service has applied it to its own copy. */
    public static void unfriend(long a, long b) {
        answer(a, b, List.of());
        friendshipFeed.awaitReadPast(relationshipChanged(a, b, false));
    }

    /**
     * {@code blocker} blocks {@code blocked}, which ends their friendship; returns at once, as friendship-service's
     * answer to the block would, before chat-service has heard of it. Answers the event's cursor.
     */
    public static String block(long blocker, long blocked) {
        answer(blocker, blocked, List.of(status(blocker, blocked, "blocked")));
        return relationshipChanged(blocker, blocked, false, blocker);
    }

    /** What friendship-service answers either of the two about the other from now on; its feed says nothing. */
    public static void friendshipServiceSays(long a, long b, String status) {
        answer(a, b, List.of(status(a, b, status), status(b, a, status)));
    }

    /** Publishes a pair's new state on friendship-service's feed only; answers the event's cursor. */
    public static String relationshipChanged(long a, long b, boolean friends, Long... blockedBy) {
        return friendshipFeed.publish("relationship.changed", key(a, b), relationship(a, b, friends, blockedBy));
    }

    /** The same at a given position, as an event arriving out of order would be. */
    public static String relationshipChangedAt(long position, long a, long b, boolean friends, Long... blockedBy) {
        return friendshipFeed.publish("relationship.changed", key(a, b), relationship(a, b, friends, blockedBy),
                position);
    }

    /** Waits until chat-service has applied friendship-service's feed up to the event. */
    public static void awaitApplied(String cursor) {
        friendshipFeed.awaitReadPast(cursor);
    }

    /** Publishes an event on account-service's feed; answers its cursor. */
    public static String accountEvent(String type, String key, Map<String, Object> data) {
        return accountFeed.publish(type, key, data);
    }

    /** While down, friendship-service answers every question and every read of its feed with 503. */
    public static synchronized void friendshipServiceDown(boolean down) {
        if (down && friendshipServiceOutage == null) {
            friendshipServiceOutage = friendshipService.stubFor(get(urlPathMatching("/v1/friendships/.*"))
                    .atPriority(1).willReturn(aResponse().withStatus(503)));
        } else if (!down && friendshipServiceOutage != null) {
            friendshipService.removeStub(friendshipServiceOutage);
            friendshipServiceOutage = null;
        }
        friendshipFeed.down(down);
    }

    /** While down, friendship-service's feed answers 503, but its other answers go on. */
    public static void friendshipFeedDown(boolean down) {
        friendshipFeed.down(down);
    }

    // What friendship-service answers either user about the other, replacing what it answered before.
    private static void answer(long a, long b, List<MappingBuilder> answers) {
        List<StubMapping> before = ANSWERS.remove(key(a, b));
        if (before != null) {
            before.forEach(friendshipService::removeStub);
        }
        ANSWERS.put(key(a, b), answers.stream().map(friendshipService::stubFor).toList());
    }

    private static void everyoneAStranger(NeighbourStub neighbours) {
        neighbours.stubFor(get(urlPathMatching("/v1/friendships/[0-9]+")).atPriority(10)
                .willReturn(okJson("{\"user_id\": {{request.pathSegments.[2]}}, \"status\": \"none\"}")
                        .withTransformers("response-template")));
    }

    private static MappingBuilder status(long caller, long other, String status) {
        return get(urlPathEqualTo("/v1/friendships/" + other)).andMatching(onBehalfOf(caller)).atPriority(5)
                .willReturn(okJson("{\"user_id\": " + other + ", \"status\": \"" + status + "\"}"));
    }

    private static Map<String, Object> relationship(long a, long b, boolean friends, Long... blockedBy) {
        return Map.of("user_low", Math.min(a, b), "user_high", Math.max(a, b), "friends", friends, "blocked_by",
                List.of(blockedBy));
    }

    private static String key(long a, long b) {
        return Math.min(a, b) + ":" + Math.max(a, b);
    }
}
