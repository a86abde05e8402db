package dev.parley.account;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A mailed, single-use permission to set a new password, kept only as the token's SHA-256 hash. */
@Entity
@Table(name = "password_resets")
public class PasswordReset {

    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "account_id", nullable = false)
    public Long accountId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;
}
