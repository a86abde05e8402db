package dev.parley.chat.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

import dev.parley.chat.Conversation;
import dev.parley.chat.Member;
import dev.parley.chat.repository.ConversationRepository;
import dev.parley.chat.repository.MemberRepository;
import dev.parley.chat.repository.SeatRepository;
import dev.parley.chat.repository.SeatRepository.Place;

/**
 * The one gate to a conversation: its members get in, everyone else gets 404, so outsiders cannot even learn that
 * it exists.
 */
@ApplicationScoped
public class ConversationAccess {

    private final ConversationRepository conversations;
    private final MemberRepository members;
    private final SeatRepository seats;

    public ConversationAccess(ConversationRepository conversations, MemberRepository members, SeatRepository seats) {
        this.conversations = conversations;
        this.members = members;
        this.seats = seats;
    }

    /** What a member sees: the conversation and their own membership. */
    public record Seat(Conversation conversation, Member member) {
    }

    public Uni<Seat> seat(long conversationId, long userId) {
        return members.find(conversationId, userId).chain(member -> {
            if (member == null) {
                return Uni.createFrom().failure(Rules.conversationNotFound(conversationId));
            }
            return conversations.findById(conversationId).map(conversation -> new Seat(conversation, member));
        });
    }

    /** The caller's place in the conversation, read through the reactive client (a pool or a transaction). */
    public Uni<Place> place(SqlClient client, long conversationId, long userId) {
        return seats.find(client, conversationId, userId).onItem().ifNull()
                .failWith(() -> Rules.conversationNotFound(conversationId));
    }

    /**
     * The same, for changing who is in the conversation and with which role: the conversation's row is locked, then
     * the caller's membership, both until the transaction ends. Every write takes the conversation's lock before any
     * member's (sending a message does too), so concurrent changes queue instead of deadlocking, and each sees the
     * roles the one before it left.
     */
    public Uni<Seat> lockedSeat(long conversationId, long userId) {
        // Outsiders are turned away before they could hold the conversation's lock even briefly.
        return members.isMember(conversationId, userId).chain(member -> {
            if (!member) {
                return Uni.createFrom().failure(Rules.conversationNotFound(conversationId));
            }
            return conversations.lock(conversationId).chain(conversation -> members.lock(conversationId, userId)
                    .chain(locked -> conversation == null || locked == null
                            ? Uni.createFrom().failure(Rules.conversationNotFound(conversationId))
                            : Uni.createFrom().item(new Seat(conversation, locked))));
        });
    }
}
