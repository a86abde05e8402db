package dev.parley.chat.service;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import dev.parley.chat.client.push.PushProvider;
import dev.parley.chat.client.push.PushProviders;
import dev.parley.chat.client.push.PushResult;
import dev.parley.chat.client.push.PushTarget;
import dev.parley.chat.config.PushConfig;
import dev.parley.chat.repository.PushOutboxRepository;
import dev.parley.chat.repository.PushOutboxRepository.Leased;

/**
 * Sends the outbox's pushes, at most {@code parley.push.concurrency} at a time per replica. A push is leased before it
 * is sent and removed once the provider took it; one whose provider asked for patience (429, 5xx, no answer) is due
 * again after exponential backoff or the provider's {@code Retry-After}, whichever is longer, until
 * {@code parley.push.give-up-after}. A replica that dies while sending leaves its leased pushes to run out their lease:
 * they are sent again by whoever comes next, with the same ids.
 */
@ApplicationScoped
public class PushDelivery {

    private static final Logger LOG = Logger.getLogger(PushDelivery.class);
    private static final long POLL_MILLIS = 1000;

    private final PushOutboxRepository outbox;
    private final PushProviders providers;
    private final PushComposer payloads;
    private final PushMetrics metrics;
    private final PushConfig config;
    private final AtomicInteger sending = new AtomicInteger();
    private final AtomicBoolean leasing = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final int refill;

    public PushDelivery(PushOutboxRepository outbox, PushProviders providers, PushComposer payloads,
            PushMetrics metrics, PushConfig config) {
        this.outbox = outbox;
        this.providers = providers;
        this.payloads = payloads;
        this.metrics = metrics;
        this.config = config;
        this.refill = Math.max(1, config.concurrency() / 4);
    }

    void start(@Observes StartupEvent startup, Vertx vertx) {
        vertx.setPeriodic(POLL_MILLIS, id -> wake());
    }

    /** Sends what is due, as far as free places allow. */
    public void wake() {
        again.set(true);
        int free = config.concurrency() - sending.get();
        // While busy, places are refilled a quarter of them at a time: one lease statement for several pushes.
        if (free <= 0 || (sending.get() > 0 && free < refill) || !leasing.compareAndSet(false, true)) {
            return;
        }
        again.set(false);
        outbox.lease(free, config.lease()).subscribe().with(leased -> {
            sending.addAndGet(leased.size());
            leasing.set(false);
            leased.forEach(this::send);
            if (again.get() && !leased.isEmpty()) {
                wake();
            }
        }, failure -> {
            leasing.set(false);
            LOG.warnf("Cannot take pushes from the outbox: %s", failure.getMessage());
        });
    }

    private void send(Leased push) {
        PushProvider provider = providers.forPlatform(push.platform());
        Uni.createFrom().deferred(() -> provider.send(target(push), payloads.read(push.payload())))
                .onFailure().recoverWithItem(failure -> PushResult.retry("error", null))
                .chain(result -> settle(push, provider.name(), result))
                .subscribe().with(done -> finished(), failure -> {
                    LOG.warnf("Cannot settle push %s: %s", push.id(), failure.getMessage());
                    finished();
                });
    }

    private Uni<Void> settle(Leased push, String provider, PushResult result) {
        return switch (result.outcome()) {
            case SENT -> {
                metrics.sent(provider);
                yield outbox.remove(push.id());
            }
            case GONE -> {
                metrics.failed(provider, result.reason());
                LOG.infof("Removed device %s of user %d: %s answered %s", push.deviceId(), push.userId(), provider,
                        result.reason());
                yield outbox.removeDevice(push.userId(), push.deviceId(), push.token())
                        .chain(() -> outbox.remove(push.id()));
            }
            case FAILED -> {
                metrics.failed(provider, result.reason());
                yield outbox.remove(push.id());
            }
            case RETRY -> retry(push, provider, result);
        };
    }

    private Uni<Void> retry(Leased push, String provider, PushResult result) {
        Duration delay = backoff(push.attempts(), result.retryAfter());
        if (Instant.now().plus(delay).isAfter(push.createdAt().plus(config.giveUpAfter()))) {
            metrics.failed(provider, "expired");
            return outbox.remove(push.id());
        }
        metrics.retried(provider, result.reason());
        return outbox.retry(push.id(), delay);
    }

    private static PushTarget target(Leased push) {
        boolean web = PushTarget.WEBPUSH.equals(push.platform());
        return new PushTarget(push.platform(), web ? null : push.token(), web ? push.token() : null, push.p256dh(),
                push.auth(), push.appId());
    }

    /** The wait before the next attempt: doubling from the first delay, with jitter, or the provider's own. */
    Duration backoff(int attempts, Duration retryAfter) {
        long first = config.firstRetryDelay().toMillis();
        long doubled = first << Math.min(Math.max(attempts - 1, 0), 20);
        long capped = Math.min(doubled, config.maxRetryDelay().toMillis());
        long jittered = capped - ThreadLocalRandom.current().nextLong(capped / 5 + 1);
        long asked = retryAfter == null ? 0 : retryAfter.toMillis();
        return Duration.ofMillis(Math.max(jittered, asked));
    }

    private void finished() {
        sending.decrementAndGet();
        wake();
    }
}
