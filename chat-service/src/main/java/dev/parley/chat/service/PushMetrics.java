package dev.parley.chat.service;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

import dev.parley.chat.repository.PushOutboxRepository;

/**
 * Push metrics: sent, failed and retried by provider and reason, and the outbox's depth and oldest push, read every
 * few seconds ({@code parley_push_oldest_age_seconds} over 60 s raises an alert).
 */
@ApplicationScoped
public class PushMetrics {

    private static final long BACKLOG_MILLIS = 5000;

    private final MeterRegistry registry;
    private final PushOutboxRepository outbox;
    private final AtomicLong depth = new AtomicLong();
    private final AtomicLong oldestMillis = new AtomicLong();

    public PushMetrics(MeterRegistry registry, PushOutboxRepository outbox) {
        this.registry = registry;
        this.outbox = outbox;
        Gauge.builder("parley.push.queue.depth", depth, AtomicLong::get)
                .description("Pushes waiting in the outbox, all replicas together").register(registry);
        Gauge.builder("parley.push.oldest.age.seconds", oldestMillis, millis -> millis.get() / 1000.0)
                .description("Age of the oldest push waiting in the outbox").register(registry);
    }

    void start(@Observes StartupEvent startup, Vertx vertx) {
        vertx.setPeriodic(BACKLOG_MILLIS, id -> refresh());
    }

    void refresh() {
        outbox.backlog().subscribe().with(backlog -> {
            depth.set(backlog.depth());
            oldestMillis.set(backlog.oldest().toMillis());
        }, failure -> {
        });
    }

    public void sent(String provider) {
        counter("parley.push.sent", "Pushes a provider accepted", provider, "ok").increment();
    }

    public void failed(String provider, String reason) {
        counter("parley.push.failed", "Pushes dropped, and dead devices removed", provider, reason).increment();
    }

    public void retried(String provider, String reason) {
        counter("parley.push.retried", "Pushes to be sent again later", provider, reason).increment();
    }

    private Counter counter(String name, String description, String provider, String reason) {
        return Counter.builder(name).description(description).tag("provider", provider).tag("reason", reason)
                .register(registry);
    }
}
