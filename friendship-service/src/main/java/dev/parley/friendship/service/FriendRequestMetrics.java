package dev.parley.friendship.service;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * {@code parley_friend_requests_total{outcome}}: what became of friend requests. Registered at start, so every
 * outcome is exported (at zero) before the first request.
 */
@ApplicationScoped
@Startup
public class FriendRequestMetrics {

    /** What happened to a request. */
    enum Outcome {
        CREATED, ACCEPTED, DECLINED, CANCELLED, REJECTED
    }

    private final Map<Outcome, Counter> counters;

    public FriendRequestMetrics(MeterRegistry registry) {
        this.counters = Stream.of(Outcome.values()).collect(Collectors.toUnmodifiableMap(Function.identity(),
                outcome -> Counter.builder("parley.friend.requests")
                        .description("Friend requests by outcome; rejected ones broke a rule")
                        .tag("outcome", outcome.name().toLowerCase())
                        .register(registry)));
    }

    void record(Outcome outcome) {
        counters.get(outcome).increment();
    }
}
