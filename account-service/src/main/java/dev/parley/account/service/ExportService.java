package dev.parley.account.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.parley.account.DataExport;
import dev.parley.account.api.ExportFile;
import dev.parley.account.api.ExportView;
import dev.parley.account.config.AccountConfig;
import dev.parley.account.repository.AccountRepository;
import dev.parley.account.repository.ExportRepository;
import dev.parley.common.error.ApiException;
import dev.parley.common.limits.RateLimiter;
import dev.parley.common.time.Timestamps;

/**
 * The caller's data exports: asking for one ({@code parley.exports.per-account}, counted across replicas), following
 * its progress and downloading the document. {@link ExportWorker} gathers it.
 */
@ApplicationScoped
public class ExportService {

    static final String TOO_MANY = "Too many exports; try again later";
    private static final String LIMIT = "exports-per-account";

    private final ExportRepository exports;
    private final AccountRepository accounts;
    private final ExportWorker worker;
    private final RateLimiter limiter;
    private final AccountConfig config;

    public ExportService(ExportRepository exports, AccountRepository accounts, ExportWorker worker,
            RateLimiter limiter, AccountConfig config) {
        this.exports = exports;
        this.accounts = accounts;
        this.worker = worker;
        this.limiter = limiter;
        this.config = config;
    }

    /** A new pending export, gathered from now on; 429 with {@code Retry-After} beyond the limit. */
    public Uni<ExportView> request(long accountId) {
        String subject = Long.toString(accountId);
        return limiter.enforce(LIMIT, subject, config.exports().perAccount(), TOO_MANY)
                .chain(() -> create(accountId).onFailure().call(() -> limiter.refund(LIMIT, subject)))
                .invoke(worker::trigger)
                .map(this::view);
    }

    @WithTransaction
    Uni<DataExport> create(long accountId) {
        Instant now = Timestamps.now();
        return accounts.findById(accountId)
                .onItem().ifNull().failWith(() -> ApiException.unauthorized("Account no longer exists"))
                .chain(account -> {
                    DataExport export = new DataExport();
                    export.accountId = account.id;
                    export.status = DataExport.PENDING;
                    export.createdAt = now;
                    export.nextAttemptAt = now;
                    return exports.persistAndFlush(export);
                });
    }

    @WithSession
    public Uni<ExportView> find(long accountId, long id) {
        return owned(accountId, id).map(this::view);
    }

    /** The document of a ready export; 409 while it is still pending or when it failed. */
    @WithSession
    public Uni<ExportFile> download(long accountId, long id) {
        Instant now = Timestamps.now();
        return owned(accountId, id).chain(export -> {
            if (!DataExport.READY.equals(export.status)) {
                throw ApiException.conflict("Export " + id + " is not ready");
            }
            return exports.document(id, accountId, now);
        }).map(document -> {
            if (document == null) {
                throw notFound(id);
            }
            return ExportFile.of(id, document);
        });
    }

    // Someone else's export is "not found", as one that never existed or has expired.
    private Uni<DataExport> owned(long accountId, long id) {
        Instant now = Timestamps.now();
        return exports.findOwned(id, accountId).map(export -> {
            if (export == null || !export.isAvailable(now)) {
                throw notFound(id);
            }
            return export;
        });
    }

    private ExportView view(DataExport export) {
        return ExportView.of(export, config.publicUrl());
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("Export " + id + " not found");
    }
}
