package dev.parley.friendship;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The relationship of one unordered pair of users: a pending friend request while {@link #acceptedAt} is null, a
 * friendship once it is set. The database keeps at most one row per pair.
 */
@Entity
@Table(name = "friendships")
public class Friendship {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "requester_id", nullable = false)
    public Long requesterId;

    @Column(name = "addressee_id", nullable = false)
    public Long addresseeId;

    /** The smaller of the two user ids; computed by the database. */
    @Column(name = "user_low", insertable = false, updatable = false)
    public Long userLow;

    /** The larger of the two user ids; computed by the database. */
    @Column(name = "user_high", insertable = false, updatable = false)
    public Long userHigh;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    public static Friendship request(long requesterId, long addresseeId, Instant now) {
        Friendship request = new Friendship();
        request.requesterId = requesterId;
        request.addresseeId = addresseeId;
        request.createdAt = now;
        return request;
    }

    public boolean isPending() {
        return acceptedAt == null;
    }

    /** The user of the pair who is not {@code userId}. */
    public long otherThan(long userId) {
        return requesterId == userId ? addresseeId : requesterId;
    }
}
