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
 * {@code parley.messages.sends-per-second}); reactions and pins, which every member hears of too, have a budget of the
 * same size of their own. Counted in this replica's memory, since a database round trip per send would cost the send
 * path more than the limit protects.
 */
@ApplicationScoped
public class SendAllowance {

    static final String TOO_FAST = "You are sending messages too fast; try again shortly";
    static final String CHANGING_TOO_FAST = "You are reacting or pinning too fast; try again shortly";

    private final TokenBuckets sends;
    private final TokenBuckets changes;
    private final MeterRegistry registry;

    public SendAllowance(ChatConfig config, MeterRegistry registry) {
        this.sends = new TokenBuckets(config.messages().sendBurst(), config.messages().sendsPerSecond());
        this.changes = new TokenBuckets(config.messages().sendBurst(), config.messages().sendsPerSecond());
        this.registry = registry;
    }

    /** Fails with 429 and {@code Retry-After} when the user has no send left right now. */
    public void spend(long userId) {
        take(sends, userId, "message-sends", TOO_FAST);
    }

    /** The same for a reaction or a pin. */
    public void spendOnChange(long userId) {
        take(changes, userId, "message-changes", CHANGING_TOO_FAST);
    }

    private void take(TokenBuckets buckets, long userId, String limit, String message) {
        Duration wait = buckets.take(Long.toString(userId));
        if (!wait.isZero()) {
            RateLimiter.countRefusal(registry, limit);
            throw ApiException.tooManyRequests(message, (wait.toMillis() + 999) / 1000);
        }
    }
}
