package dev.parley.account;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A refresh token a session was given, kept only as its SHA-256 hash. */
@Entity
@Table(name = "refresh_tokens")
public class RefreshToken {

    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "session_id", nullable = false)
    public Long sessionId;

    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;

    /** Set when the token was exchanged for a new one; presenting it again means it was stolen. */
    @Column(name = "rotated_at")
    public Instant rotatedAt;
}
