package dev.parley.account.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import dev.parley.account.config.AccountConfig;
import dev.parley.account.repository.ExportRepository;
import dev.parley.common.time.Timestamps;

/**
 * Gathers pending exports in the background. Each look leases a batch of due exports (so replicas never gather the
 * same one at once), gathers them one by one and stores each document; an export whose neighbour could not answer
 * stays pending and is gathered again with exponential backoff, until {@code parley.exports.give-up-after} has passed
 * since it was asked for: then it is failed.
 */
@ApplicationScoped
public class ExportWorker {

    private static final Logger LOG = Logger.getLogger(ExportWorker.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    private static final int BATCH = 5;

    private final ExportRepository exports;
    private final ExportDocuments documents;
    private final AccountConfig config;
    private final Vertx vertx;

    public ExportWorker(ExportRepository exports, ExportDocuments documents, AccountConfig config, Vertx vertx) {
        this.exports = exports;
        this.documents = documents;
        this.config = config;
        this.vertx = vertx;
    }

    @Scheduled(every = "${parley.exports.poll-interval:5s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> gatherDue() {
        return lease(Timestamps.now())
                .onItem().transformToMulti(batch -> Multi.createFrom().iterable(batch))
                .onItem().transformToUniAndConcatenate(this::gather)
                .collect().last()
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warn("Export poll failed", e))
                .onFailure().recoverWithNull();
    }

    /** Looks for due exports at once, apart from the request that asked for one, which does not wait for it. */
    public void trigger() {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> gatherDue().subscribe().with(done -> {
        }, failure -> LOG.warn("Export look failed", failure)));
    }

    /** Takes due exports and pushes their next attempt past the lease, all in one short transaction. */
    @WithTransaction
    Uni<List<Leased>> lease(Instant now) {
        return exports.lockDue(now, BATCH).map(due -> due.stream().map(export -> {
            export.attempts++;
            export.nextAttemptAt = now.plus(LEASE);
            return new Leased(export.id, export.accountId, export.createdAt, export.attempts);
        }).toList());
    }

    Uni<Void> gather(Leased export) {
        return documents.gather(export.accountId())
                .chain(document -> recordReady(export.id(), document))
                .onFailure().recoverWithUni(e -> recordFailure(export, e));
    }

    @WithTransaction
    Uni<Void> recordReady(long id, String document) {
        Instant now = Timestamps.now();
        return exports.storeReady(id, document, now, now.plus(config.exports().keep())).replaceWithVoid();
    }

    @WithTransaction
    Uni<Void> recordFailure(Leased export, Throwable error) {
        Instant now = Timestamps.now();
        String reason = String.valueOf(error.getMessage());
        if (!now.isBefore(export.createdAt().plus(config.exports().giveUpAfter()))) {
            LOG.errorf("Giving up export %d after %d attempts: %s", export.id(), export.attempts(), reason);
            return exports.giveUp(export.id(), reason).replaceWithVoid();
        }
        LOG.warnf("Export %d not gathered (attempt %d): %s", export.id(), export.attempts(), reason);
        return exports.retryAt(export.id(), now.plus(backoff(export.attempts())), reason).replaceWithVoid();
    }

    private Duration backoff(int attempts) {
        Duration delay = config.exports().retryBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    /** What gathering needs, detached from the session that leased it. */
    record Leased(long id, long accountId, Instant createdAt, int attempts) {
    }
}
