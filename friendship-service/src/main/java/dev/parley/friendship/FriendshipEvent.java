package dev.parley.friendship;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One change of the friendship graph: who did what to whom, and when. Never updated or deleted. */
@Entity
@Table(name = "friendship_events")
public class FriendshipEvent {

    /** What happened. */
    public enum Type {
        REQUESTED, ACCEPTED, DECLINED, CANCELLED, REMOVED, BLOCKED, UNBLOCKED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Type type;

    /** The user who made the change. */
    @Column(name = "actor_id", nullable = false)
    public Long actorId;

    /** The other user of the pair. */
    @Column(name = "subject_id", nullable = false)
    public Long subjectId;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    public static FriendshipEvent of(Type type, long actorId, long subjectId, Instant now) {
        FriendshipEvent event = new FriendshipEvent();
        event.type = type;
        event.actorId = actorId;
        event.subjectId = subjectId;
        event.occurredAt = now;
        return event;
    }
}
