package dev.parley.common.limits;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets per key, in this process's memory: a key may spend {@code burst} at once, refilled at
 * {@code perSecond}. For limits on hot paths, where a database round trip per request would cost more than the limit
 * protects; with several replicas a key may spend up to that many times the rate.
 */
public final class TokenBuckets {

    private static final int SWEEP_EVERY = 10_000;

    /** Tokens left and when they were counted; full buckets are forgotten. */
    private record Bucket(double tokens, long at) {
    }

    private final double burst;
    private final double perNano;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    public TokenBuckets(int burst, double perSecond) {
        if (burst < 1 || perSecond <= 0) {
            throw new IllegalArgumentException("A token bucket needs a burst of at least 1 and a positive rate");
        }
        this.burst = burst;
        this.perNano = perSecond / 1e9;
    }

    /** Spends one token of the key: zero when there was one, otherwise how long until there will be. */
    public Duration take(String key) {
        return take(key, System.nanoTime());
    }

    Duration take(String key, long now) {
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep(now);
        }
        long[] wait = {0};
        buckets.compute(key, (k, bucket) -> {
            double tokens = bucket == null ? burst : Math.min(burst, bucket.tokens + (now - bucket.at) * perNano);
            if (tokens >= 1) {
                return new Bucket(tokens - 1, now);
            }
            wait[0] = (long) Math.ceil((1 - tokens) / perNano);
            return new Bucket(tokens, now);
        });
        return Duration.ofNanos(wait[0]);
    }

    private void sweep(long now) {
        buckets.entrySet().removeIf(e -> e.getValue().tokens + (now - e.getValue().at) * perNano >= burst);
    }
}
