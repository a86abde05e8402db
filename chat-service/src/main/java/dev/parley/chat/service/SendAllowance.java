package dev.parley.chat.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

import dev.parley.chat.config.ChatConfig;
import dev.parley.common.error.ApiException;
import dev.parley.common.limits.RateLimiter;
import dev.parley.common.limits.TokenBuckets;

/**
 * How fast one user may send: a burst, then a sustained rate ({@code parley.messages.send-burst},
 * {@code parley.messages.sends-per-second}). Counted in this replica's memory, since a database round trip per send
 * would cost the send path more than the limit protects.
 */
@ApplicationScoped
public class SendAllowance {

    static final String TOO_FAST = "You are sending messages too fast; try again shortly";

    private final TokenBuckets buckets;
    private final MeterRegistry registry;

    public SendAllowance(ChatConfig config, MeterRegistry registry) {
        this.buckets = new TokenBuckets(config.messages().sendBurst(), config.messages().sendsPerSecond());
        this.registry = registry;
    }

    /** Fails with 429 and {@code Retry-After} when the user has no send left right now. */
    public void spend(long userId) {
        Duration wait = buckets.take(Long.toString(userId));
        if (!wait.isZero()) {
            RateLimiter.countRefusal(registry, "message-sends");
            throw ApiException.tooManyRequests(TOO_FAST, (wait.toMillis() + 999) / 1000);
        }
    }
}
