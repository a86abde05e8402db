package dev.parley.account;

import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A registered person: credentials, verification state and the public profile shown as "user". */
@Entity
@Table(name = "accounts")
public class Account {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Always lower case; unique. */
    @Column(nullable = false)
    public String email;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(nullable = false)
    public boolean verified;

    /** Unique regardless of case; shown as the user chose it. */
    @Column(nullable = false)
    public String username;

    public String location;

    @Column(name = "avatar_url")
    public String avatarUrl;

    /** Whether other users may see the user's presence; only the owner sees this setting. */
    @Column(name = "presence_visible", nullable = false)
    public boolean presenceVisible = true;

    /** Whether others may see how far the user has read; only the owner sees this setting. */
    @Column(name = "read_receipts", nullable = false)
    public boolean readReceipts = true;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Unverified accounts expire with their verification link, {@code ttl} after they were created. */
    public boolean isExpiredUnverified(Instant now, Duration ttl) {
        return !verified && !createdAt.plus(ttl).isAfter(now);
    }
}
