package dev.parley.common.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import dev.parley.common.error.ApiException;

/**
 * Limits that hold across replicas: "at most N in any window" per limit and subject (a client address, an email, a
 * user), kept in the service's own {@code rate_limits} table. The check and the hit are one statement, so parallel
 * requests cannot slip past together.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);
    private static final long PURGE_EVERY_MS = Duration.ofMinutes(10).toMillis();

    /** The outcome of an attempt; {@code retryAfter} says when the next one may pass. */
    public record Verdict(boolean allowed, Duration retryAfter) {

        static final Verdict ALLOWED = new Verdict(true, Duration.ZERO);

        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    private final RateLimitStore store;
    private final MeterRegistry registry;

    public RateLimiter(RateLimitStore store, MeterRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    /** Counts a refusal as {@code parley_rate_limited_total{limit}}, for limits kept anywhere. */
    public static void countRefusal(MeterRegistry registry, String limit) {
        registry.counter("parley.rate.limited", "limit", limit).increment();
    }

    void purgePeriodically(@Observes StartupEvent start, Vertx vertx) {
        vertx.setPeriodic(PURGE_EVERY_MS, id -> store.purgeExpired().subscribe().with(
                purged -> LOG.debugf("Purged %d expired rate limits", purged),
                failure -> LOG.warnf("Purging expired rate limits failed: %s", failure.getMessage())));
    }

    /** Counts an attempt against the limit when it passes; a refused attempt is not counted. */
    public Uni<Verdict> attempt(String limit, String subject, Rate rate) {
        String key = limit + ":" + subject;
        if (rate.max() == 0) {
            countRefusal(registry, limit);
            return Uni.createFrom().item(new Verdict(false, rate.window()));
        }
        return store.tryHit(key, rate).chain(allowed -> {
            if (allowed) {
                return Uni.createFrom().item(Verdict.ALLOWED);
            }
            countRefusal(registry, limit);
            return store.hits(key, rate.window()).map(hits -> refused(hits, rate));
        });
    }

    /** Like {@link #attempt}, but a refusal fails with 429 and {@code Retry-After}. */
    public Uni<Void> enforce(String limit, String subject, Rate rate, String message) {
        return attempt(limit, subject, rate).invoke(verdict -> {
            if (!verdict.allowed()) {
                throw ApiException.tooManyRequests(message, verdict.retryAfterSeconds());
            }
        }).replaceWithVoid();
    }

    /** Takes back the last attempt counted for the subject, for one that turned out not to count. */
    public Uni<Void> refund(String limit, String subject) {
        return store.removeNewest(limit + ":" + subject);
    }

    /** Forgets every attempt of the subject. */
    public Uni<Void> clear(String limit, String subject) {
        return store.clear(limit + ":" + subject);
    }

    /** Forgets every attempt of every subject of the limit that starts with the prefix. */
    public Uni<Void> clearStartingWith(String limit, String subjectPrefix) {
        return store.clearStartingWith(limit + ":" + subjectPrefix);
    }

    // One attempt passes again once enough of the hits in the window have left it.
    private static Verdict refused(RateLimitStore.Hits hits, Rate rate) {
        List<Instant> times = hits.times();
        if (times.size() < rate.max()) {
            return new Verdict(false, Duration.ofSeconds(1));
        }
        Instant freed = times.get(times.size() - rate.max()).plus(rate.window());
        Duration wait = Duration.between(hits.now(), freed);
        return new Verdict(false, wait.isNegative() ? Duration.ZERO : wait);
    }
}
