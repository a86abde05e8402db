package dev.parley.account;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A user's request for a copy of their data, and its progress: pending until the document is gathered, then ready
 * until it expires, or failed when the other services could not answer for too long. The document itself is read
 * and written apart (see {@code ExportRepository}), so the progress never loads it.
 */
@Entity
@Table(name = "exports")
public class DataExport {

    public static final String PENDING = "pending";
    public static final String READY = "ready";
    public static final String FAILED = "failed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "account_id", nullable = false)
    public Long accountId;

    @Column(nullable = false)
    public String status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "ready_at")
    public Instant readyAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    /** Whether it still exists for its owner: not past its expiry, which housekeeping deletes soon after. */
    public boolean isAvailable(Instant now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }
}
