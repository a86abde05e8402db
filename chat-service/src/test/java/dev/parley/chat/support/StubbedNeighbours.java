package dev.parley.chat.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points chat-service at {@link Neighbours} for account-service and friendship-service. */
public class StubbedNeighbours implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String url = Neighbours.start();
        return Map.of("parley.account-service.url", url, "parley.friendship-service.url", url,
                "parley.friendship-service.timeout", "1s", "parley.friendship-service.max-retries", "1");
    }

    @Override
    public void stop() {
        Neighbours.stop();
    }
}
