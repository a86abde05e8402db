package dev.parley.friendship.service;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code parley_friend_requests_total{outcome}}: what became of friend requests. */
@ApplicationScoped
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
