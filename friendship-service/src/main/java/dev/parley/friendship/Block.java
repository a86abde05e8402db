package dev.parley.friendship;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One user refusing all contact with another; seen only by the blocker. */
@Entity
@Table(name = "blocks")
public class Block {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "blocker_id", nullable = false)
    public Long blockerId;

    @Column(name = "blocked_id", nullable = false)
    public Long blockedId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Block of(long blockerId, long blockedId, Instant now) {
        Block block = new Block();
        block.blockerId = blockerId;
        block.blockedId = blockedId;
        block.createdAt = now;
        return block;
    }
}
