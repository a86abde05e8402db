package dev.parley.chat.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.chat.client.FriendshipStatus;
import dev.parley.chat.client.Friendships;
import dev.parley.chat.repository.RelationshipRepository;
import dev.parley.chat.repository.RelationshipRepository.Pair;
import dev.parley.common.error.ApiException;
import dev.parley.common.events.FeedFollowers;

/**
 * Whether two users may message each other: they are friends and neither blocks the other. Allowed from
 * chat-service's own copy of the relationships ({@link RelationshipChanges}) whenever that copy is known to be
 * current, with no call on the hot path. friendship-service is asked until it is (a replica that has just started,
 * a feed that cannot be read), and whenever the copy says they are not friends: a friendship accepted a moment ago,
 * not yet in the copy, works at once, while a block or an unfriending takes effect as soon as its event arrives.
 */
@ApplicationScoped
public class Relationships {

    /** Where a caller stands with another user. */
    public enum Standing {
        FRIENDS, STRANGERS, BLOCKED
    }

    private final RelationshipRepository pairs;
    private final Friendships friendships;
    private final FeedFollowers followers;

    public Relationships(RelationshipRepository pairs, Friendships friendships, FeedFollowers followers) {
        this.pairs = pairs;
        this.friendships = friendships;
        this.followers = followers;
    }

    /** Where the caller stands with {@code other}. */
    public Uni<Standing> between(long caller, long other) {
        if (copyIsCurrent()) {
            return pairs.find(caller, other).map(Relationships::standing).chain(known -> confirmed(known, other));
        }
        return asked(other);
    }

    /**
     * Lets the caller write to their direct conversation with {@code peer}, or fails with 403: {@code This account
     * no longer exists} once the peer's account was erased (they left the conversation with it), else {@code You
     * can only message friends} unless they are friends and neither blocks the other.
     */
    public Uni<Void> requireMayWrite(long conversationId, long caller, long peer) {
        boolean current = copyIsCurrent();
        return pairs.peer(conversationId, caller, peer).chain(found -> {
            if (!found.present()) {
                return Uni.createFrom().failure(ApiException.forbidden("This account no longer exists"));
            }
            return current ? confirmed(standing(found.pair()), peer) : asked(peer);
        }).invoke(standing -> {
            if (standing != Standing.FRIENDS) {
                throw notFriends();
            }
        }).replaceWithVoid();
    }

    static ApiException notFriends() {
        return ApiException.forbidden("You can only message friends");
    }

    /** Whether chat's own copy of the relationships is current enough to decide alone who may message whom. */
    public boolean copyIsCurrent() {
        return followers.current(RelationshipChanges.FEED);
    }

    // "Not friends" in the copy may only mean that a new friendship's event has not arrived yet; a block the copy
    // knows of stands (friendship-service tells only the blocker about it).
    private Uni<Standing> confirmed(Standing known, long other) {
        return known == Standing.STRANGERS ? asked(other) : Uni.createFrom().item(known);
    }

    private Uni<Standing> asked(long other) {
        return friendships.status(other).map(Relationships::standing);
    }

    private static Standing standing(Pair pair) {
        if (pair.blocked()) {
            return Standing.BLOCKED;
        }
        return pair.friends() ? Standing.FRIENDS : Standing.STRANGERS;
    }

    // friendship-service ends a friendship when either side blocks, and answers "blocked" only to the one who
    // blocks; being blocked reads as no relationship, which refuses all the same.
    private static Standing standing(FriendshipStatus status) {
        if (status.blocked()) {
            return Standing.BLOCKED;
        }
        return status.friends() ? Standing.FRIENDS : Standing.STRANGERS;
    }
}
