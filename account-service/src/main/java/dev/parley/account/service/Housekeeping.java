package dev.parley.account.service;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import dev.parley.account.config.AccountConfig;
import dev.parley.account.repository.AccountRepository;
import dev.parley.account.repository.ExportRepository;
import dev.parley.account.repository.OutboxMailRepository;
import dev.parley.account.repository.PasswordResetRepository;
import dev.parley.account.repository.SessionRepository;
import dev.parley.common.time.Timestamps;

/**
 * Removes rows that can no longer matter: unverified accounts whose verification link has expired (freeing their
 * email and username), dead sessions, expired resets, delivered mails, expired exports and failed ones.
 */
@ApplicationScoped
public class Housekeeping {

    private static final Duration KEEP_DEAD = Duration.ofDays(7);

    private final AccountRepository accounts;
    private final SessionRepository sessions;
    private final PasswordResetRepository resets;
    private final OutboxMailRepository mails;
    private final ExportRepository exports;
    private final AccountConfig config;

    public Housekeeping(AccountRepository accounts, SessionRepository sessions, PasswordResetRepository resets,
            OutboxMailRepository mails, ExportRepository exports, AccountConfig config) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.resets = resets;
        this.mails = mails;
        this.exports = exports;
        this.config = config;
    }

    /** One pass over every kind of row; runs hourly. */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithTransaction
    public Uni<Void> prune() {
        Instant now = Timestamps.now();
        return accounts.deleteExpiredUnverified(now.minus(config.verification().ttl()))
                .chain(() -> sessions.deleteExpired(now.minus(KEEP_DEAD)))
                .chain(() -> resets.deleteExpired(now.minus(KEEP_DEAD)))
                .chain(() -> mails.deleteSentBefore(now.minus(KEEP_DEAD)))
                .chain(() -> exports.deleteExpired(now, now.minus(KEEP_DEAD)))
                .replaceWithVoid();
    }
}
