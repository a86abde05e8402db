package dev.parley.chat;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A direct (two friends) or group conversation; {@code lastSeq} is the seq of its newest message. */
@Entity
@Table(name = "conversations")
public class Conversation {

    public static final String DIRECT = "direct";
    public static final String GROUP = "group";
    /** The unique index that keeps one direct conversation per pair of users. */
    public static final String DIRECT_KEY_INDEX = "conversations_direct_key_key";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String kind;

    public String title;

    @Column(name = "created_by", nullable = false)
    public Long createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_seq", nullable = false)
    public long lastSeq;

    @Column(name = "last_activity_at", nullable = false)
    public Instant lastActivityAt;

    @Column(name = "direct_key")
    public String directKey;

    public boolean isDirect() {
        return DIRECT.equals(kind);
    }

    public static String directKey(long a, long b) {
        return Math.min(a, b) + ":" + Math.max(a, b);
    }
}
