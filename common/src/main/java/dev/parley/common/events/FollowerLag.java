package dev.parley.common.events;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * How far one follower is behind its feed, as metrics: {@code parley_events_applied_total},
 * {@code parley_events_lag_events} and {@code parley_events_lag_seconds} (the age of the oldest event it has not
 * applied yet; while the feed cannot be read, the time since it last could), each tagged with feed and follower.
 */
final class FollowerLag {

    private final Counter applied;
    private volatile long behind;
    private volatile Instant behindSince = Instant.now();
    private volatile Instant lastRead;
    private volatile boolean current;

    FollowerLag(MeterRegistry metrics, String feed, String follower) {
        this.applied = Counter.builder("parley_events_applied").tags("feed", feed, "follower", follower)
                .register(metrics);
        Gauge.builder("parley_events_lag_events", this, lag -> lag.behind).tags("feed", feed, "follower", follower)
                .register(metrics);
        Gauge.builder("parley_events_lag_seconds", this, FollowerLag::seconds).tags("feed", feed, "follower", follower)
                .register(metrics);
    }

    void read(FeedPage page, int appliedNow) {
        applied.increment(appliedNow);
        lastRead = Instant.now();
        behind = page.behind();
        if (page.behind() == 0) {
            behindSince = null;
            current = true;
        } else {
            behindSince = page.events().getLast().occurredAt();
            current = false;
        }
    }

    void failed() {
        current = false;
        if (behindSince == null) {
            behindSince = lastRead == null ? Instant.now() : lastRead;
        }
    }

    /** Whether the last read succeeded and left nothing unapplied. */
    boolean current() {
        return current;
    }

    private double seconds() {
        Instant since = behindSince;
        return since == null ? 0 : Math.max(0, Duration.between(since, Instant.now()).toMillis() / 1000.0);
    }
}
