package dev.parley.friendship.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import dev.parley.friendship.FriendshipEvent;
import dev.parley.friendship.FriendshipEvent.Type;

/** The history of the friendship graph. */
@ApplicationScoped
@WithSession
public class FriendshipEventRepository implements PanacheRepository<FriendshipEvent> {

    public Uni<Void> record(Type type, long actorId, long subjectId, Instant now) {
        return persist(FriendshipEvent.of(type, actorId, subjectId, now)).replaceWithVoid();
    }

    /** When {@code declinerId} last declined a request from {@code requesterId}, or null if never. */
    public Uni<Instant> lastDecline(long declinerId, long requesterId) {
        return find("type = ?1 and actorId = ?2 and subjectId = ?3 order by occurredAt desc", Type.DECLINED,
                declinerId, requesterId).firstResult().map(event -> event == null ? null : event.occurredAt);
    }
}
