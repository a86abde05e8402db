package dev.parley.chat.service;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

import dev.parley.chat.repository.UploadRepository;

/** Attachment metrics: uploads by outcome, and the bytes all users have stored (read every minute). */
@ApplicationScoped
public class UploadMetrics {

    private final MeterRegistry registry;
    private final UploadRepository uploads;
    private final AtomicLong stored = new AtomicLong();

    public UploadMetrics(MeterRegistry registry, UploadRepository uploads) {
        this.registry = registry;
        this.uploads = uploads;
        Gauge.builder("parley.storage.bytes", stored, AtomicLong::get)
                .description("Bytes of attachments stored or reserved, all users together").register(registry);
    }

    void start(@Observes StartupEvent startup, Vertx vertx) {
        vertx.setPeriodic(60_000, id -> refresh());
        refresh();
    }

    void refresh() {
        uploads.storedBytes().subscribe().with(stored::set, failure -> {
        });
    }

    /** An upload ended: {@code ready}, {@code refused_size}, {@code refused_type}, {@code refused_image}, ... */
    public void outcome(String outcome) {
        Counter.builder("parley.uploads").description("Uploads completed or refused, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }
}
