package dev.parley.chat.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points chat-service at {@link Neighbours} for account-service and friendship-service: their public APIs and the
 * feeds it follows on their internal ports.
 */
public class StubbedNeighbours implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Neighbours.start();
        String accounts = Neighbours.accountServiceUrl();
        String friendships = Neighbours.friendshipServiceUrl();
        return Map.of("parley.account-service.url", accounts, "parley.friendship-service.url", friendships,
                "parley.friendship-service.timeout", "1s", "parley.friendship-service.max-retries", "1",
                "parley.events.sources.account.url", accounts, "parley.events.sources.friendship.url", friendships);
    }

    @Override
    public void stop() {
        Neighbours.stop();
    }
}
