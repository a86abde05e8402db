package dev.parley.chat.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * What writing into a conversation takes beyond membership: in a direct conversation, what sending takes (the two
 * still friends, neither blocking the other, the other's account still there; see {@link Relationships}); in a
 * group, nothing more. Decided before a transaction, since it may ask friendship-service.
 */
@ApplicationScoped
public class WritingRights {

    private final ConversationFacts facts;
    private final Relationships relationships;

    public WritingRights(ConversationFacts facts, Relationships relationships) {
        this.facts = facts;
        this.relationships = relationships;
    }

    /** Fails with 403 when the caller may not write to the other member of a direct conversation. */
    Uni<Void> require(long caller, long conversationId) {
        return facts.of(conversationId).chain(known -> known != null && known.isDirect() && known.directMember(caller)
                ? relationships.requireMayWrite(conversationId, caller, known.peerOf(caller))
                : Uni.createFrom().voidItem());
    }
}
