package dev.parley.chat.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.chat.Conversation;
import dev.parley.chat.Member;
import dev.parley.chat.repository.ConversationRepository;
import dev.parley.chat.repository.MemberRepository;

/**
 * The one gate to a conversation: its members get in, everyone else gets 404, so outsiders cannot even learn that
 * it exists.
 */
@ApplicationScoped
public class ConversationAccess {

    private final ConversationRepository conversations;
    private final MemberRepository members;

    public ConversationAccess(ConversationRepository conversations, MemberRepository members) {
        this.conversations = conversations;
        this.members = members;
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

    /** The same, with the caller's membership row locked for the rest of the transaction. */
    public Uni<Seat> lockedSeat(long conversationId, long userId) {
        return members.lock(conversationId, userId).chain(member -> {
            if (member == null) {
                return Uni.createFrom().failure(Rules.conversationNotFound(conversationId));
            }
            return conversations.findById(conversationId).map(conversation -> new Seat(conversation, member));
        });
    }
}
