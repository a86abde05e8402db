package dev.parley.benchmark;

import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The chat-service replicas clients use, and which of them are down: a client whose own replica is down uses the next
 * one that is up, as a load balancer would send it there.
 */
final class Replicas {

    private final List<String> urls;
    private final AtomicIntegerArray down;

    Replicas(List<String> urls) {
        this.urls = List.copyOf(urls);
        this.down = new AtomicIntegerArray(urls.size());
    }

    int count() {
        return urls.size();
    }

    String url(int replica) {
        return urls.get(replica);
    }

    /** The replica a client whose own is {@code home} uses now. */
    int route(int home) {
        for (int i = 0; i < urls.size(); i++) {
            int candidate = (home + i) % urls.size();
            if (down.get(candidate) == 0) {
                return candidate;
            }
        }
        throw new IllegalStateException("every chat-service replica is down");
    }

    void markDown(int replica) {
        down.set(replica, 1);
    }

    boolean isDown(int replica) {
        return down.get(replica) == 1;
    }
}
