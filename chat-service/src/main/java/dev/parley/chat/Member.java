package dev.parley.chat;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A user's place in a conversation: their role and how far they have read. */
@Entity
@Table(name = "members")
public class Member {

    public static final String OWNER = "owner";
    public static final String ADMIN = "admin";
    public static final String MEMBER = "member";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "conversation_id", nullable = false)
    public Long conversationId;

    @Column(name = "user_id", nullable = false)
    public Long userId;

    @Column(nullable = false)
    public String role;

    @Column(name = "joined_at", nullable = false)
    public Instant joinedAt;

    /** The seq of the newest message this member has read; unread = conversation.lastSeq - lastReadSeq. */
    @Column(name = "last_read_seq", nullable = false)
    public long lastReadSeq;

    public boolean canManage() {
        return OWNER.equals(role) || ADMIN.equals(role);
    }

    public boolean isOwner() {
        return OWNER.equals(role);
    }
}
