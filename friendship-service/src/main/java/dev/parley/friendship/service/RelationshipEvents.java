package dev.parley.friendship.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.common.events.Outbox;
import dev.parley.friendship.api.RelationshipChanged;
import dev.parley.friendship.repository.BlockRepository;
import dev.parley.friendship.repository.FriendshipRepository;

/**
 * Publishes {@value RelationshipChanged#TYPE} after a change of a pair: the pair's state as the changing transaction
 * leaves it, written to the outbox in that transaction. Called while the transaction holds the pair's lock
 * ({@link dev.parley.friendship.repository.PairLocks}), so the next change of the pair publishes after it, at a
 * higher position.
 */
@ApplicationScoped
public class RelationshipEvents {

    private final FriendshipRepository friendships;
    private final BlockRepository blocks;
    private final Outbox outbox;

    public RelationshipEvents(FriendshipRepository friendships, BlockRepository blocks, Outbox outbox) {
        this.friendships = friendships;
        this.blocks = blocks;
        this.outbox = outbox;
    }

    Uni<Void> changed(long a, long b) {
        long low = Math.min(a, b);
        long high = Math.max(a, b);
        // A pending acceptance reaches the database first, so the state read below includes it.
        return friendships.flush()
                .chain(() -> friendships.areFriends(low, high))
                .chain(friends -> blocks.blockersBetween(low, high)
                        .map(blockers -> new RelationshipChanged(low, high, friends, blockers)))
                .chain(state -> outbox.publishState(RelationshipChanged.TYPE, state.key(), state));
    }
}
