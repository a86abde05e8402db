package dev.parley.chat.service;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.parley.chat.Conversation;
import dev.parley.chat.Member;
import dev.parley.chat.api.ConversationView;
import dev.parley.chat.api.Event;
import dev.parley.chat.api.NewConversation;
import dev.parley.chat.api.Opened;
import dev.parley.chat.config.ChatConfig;
import dev.parley.chat.repository.ConversationRepository;
import dev.parley.chat.repository.MemberRepository;
import dev.parley.common.error.ApiException;
import dev.parley.common.persistence.UniqueViolation;
import dev.parley.common.time.Timestamps;
import dev.parley.common.validation.Input;

/** Opens direct and group conversations and renames groups. */
@ApplicationScoped
public class ConversationService {

    private final ConversationRepository conversations;
    private final MemberRepository members;
    private final ConversationAccess access;
    private final Relationships relationships;
    private final EventPublisher events;
    private final CreationAllowance allowance;
    private final ChatConfig config;

    public ConversationService(ConversationRepository conversations, MemberRepository members,
            ConversationAccess access, Relationships relationships, EventPublisher events, CreationAllowance allowance,
            ChatConfig config) {
        this.conversations = conversations;
        this.members = members;
        this.access = access;
        this.relationships = relationships;
        this.events = events;
        this.allowance = allowance;
        this.config = config;
    }

    public Uni<Opened> open(long caller, NewConversation request) {
        NewConversation body = request == null ? new NewConversation(null, null, null, null) : request;
        String type = Input.required("type", body.type());
        return switch (type) {
            case Conversation.DIRECT -> openDirect(caller, Input.required("user_id", body.userId()));
            case Conversation.GROUP -> openGroup(caller, body);
            default -> throw ApiException.badRequest("type must be 'direct' or 'group'");
        };
    }

    private Uni<Opened> openDirect(long caller, long other) {
        if (other == caller) {
            throw ApiException.badRequest("You cannot message yourself");
        }
        return relationships.between(caller, other).chain(standing -> {
            if (standing != Relationships.Standing.FRIENDS) {
                return Uni.createFrom().failure(Relationships.notFriends());
            }
            // Opening the pair's conversation again is free; only creating it counts against the allowance. Two
            // first messages at once both try to create it; the loser finds the winner's.
            return existingDirect(caller, other).chain(existing -> existing != null
                    ? Uni.createFrom().item(existing)
                    : allowance.within(caller, () -> storeDirect(caller, other)
                            .onFailure(e -> UniqueViolation.of(e, Conversation.DIRECT_KEY_INDEX))
                            .recoverWithUni(() -> storeDirect(caller, other))));
        });
    }

    @WithTransaction
    @Announces
    Uni<Opened> existingDirect(long caller, long other) {
        return conversations.findDirect(Conversation.directKey(caller, other))
                .chain(existing -> existing == null ? Uni.createFrom().nullItem() : opened(existing, caller));
    }

    private Uni<Opened> opened(Conversation existing, long caller) {
        return members.find(existing.id, caller)
                .map(member -> new Opened(ConversationView.of(existing, member.lastReadSeq, 0, null, null), false));
    }

    @WithTransaction
    @Announces
    Uni<Opened> storeDirect(long caller, long other) {
        Instant now = Timestamps.now();
        return conversations.findDirect(Conversation.directKey(caller, other)).chain(existing -> {
            if (existing != null) {
                return opened(existing, caller);
            }
            Conversation conversation = newConversation(Conversation.DIRECT, null, caller, now);
            conversation.directKey = Conversation.directKey(caller, other);
            return create(conversation, List.of(caller, other), caller, now);
        });
    }

    private Uni<Opened> openGroup(long caller, NewConversation body) {
        String title = Rules.title(body.title());
        Set<Long> invited = new LinkedHashSet<>(Input.required("member_ids", body.memberIds()));
        invited.remove(caller);
        if (invited.contains(null)) {
            throw Input.invalidValue("member_ids");
        }
        if (invited.size() + 1 > config.groups().maxMembers()) {
            throw ApiException.badRequest("A group has at most " + config.groups().maxMembers() + " members");
        }
        return checkFriends(caller, invited)
                .chain(() -> allowance.within(caller, () -> storeGroup(caller, title, List.copyOf(invited))));
    }

    @WithTransaction
    @Announces
    Uni<Opened> storeGroup(long caller, String title, List<Long> invited) {
        Instant now = Timestamps.now();
        List<Long> everyone = new java.util.ArrayList<>(invited.size() + 1);
        everyone.add(caller);
        everyone.addAll(invited);
        return create(newConversation(Conversation.GROUP, title, caller, now), everyone, caller, now);
    }

    /**
     * Fails with 403 unless the caller may add every one of the users: {@code You can only message friends} when
     * either side of a pair blocks the other, else naming the first of the users who is not the caller's friend.
     */
    Uni<Void> checkFriends(long caller, Set<Long> userIds) {
        return Multi.createFrom().iterable(userIds)
                .onItem().transformToUni(id -> relationships.between(caller, id).map(s -> new Standing(id, s)))
                .merge(8)
                .filter(standing -> standing.standing() != Relationships.Standing.FRIENDS)
                .collect().asList()
                .invoke(refused -> {
                    if (refused.stream().anyMatch(s -> s.standing() == Relationships.Standing.BLOCKED)) {
                        throw Relationships.notFriends();
                    }
                    refused.stream().mapToLong(Standing::userId).min().ifPresent(stranger -> {
                        throw notFriend(stranger);
                    });
                })
                .replaceWithVoid();
    }

    private record Standing(long userId, Relationships.Standing standing) {
    }

    @WithTransaction
    @Announces
    public Uni<ConversationView> rename(long caller, long conversationId, String rawTitle) {
        String title = Rules.title(rawTitle);
        return access.seat(conversationId, caller).chain(seat -> {
            if (seat.conversation().isDirect()) {
                return Uni.createFrom().failure(ApiException.badRequest("A direct conversation has no title"));
            }
            if (!seat.member().canManage()) {
                return Uni.createFrom().failure(
                        ApiException.forbidden("Only the group's owners and admins can do this"));
            }
            seat.conversation().title = title;
            ConversationView view = ConversationView.of(seat.conversation(), seat.member().lastReadSeq, 0, null, null);
            return events.publish(new Event(Event.CONVERSATION_UPDATED, conversationId, null, view)).replaceWith(view);
        });
    }

    static ApiException notFriend(long userId) {
        return ApiException.forbidden("User " + userId + " is not your friend");
    }

    private Uni<Opened> create(Conversation conversation, List<Long> userIds, long creator, Instant now) {
        return conversations.persistAndFlush(conversation).chain(saved -> {
            List<Member> rows = userIds.stream().map(id -> newMember(saved, id,
                    id == creator && !saved.isDirect() ? Member.OWNER : Member.MEMBER, now)).toList();
            ConversationView view = ConversationView.of(saved, 0, 0, null, null);
            return members.persist(rows)
                    .call(() -> events.publish(new Event(Event.CONVERSATION_CREATED, saved.id, null, view), userIds))
                    .replaceWith(new Opened(view, true));
        });
    }

    private static Conversation newConversation(String kind, String title, long creator, Instant now) {
        Conversation conversation = new Conversation();
        conversation.kind = kind;
        conversation.title = title;
        conversation.createdBy = creator;
        conversation.createdAt = now;
        conversation.lastActivityAt = now;
        return conversation;
    }

    static Member newMember(Conversation conversation, long userId, String role, Instant now) {
        Member member = new Member();
        member.conversationId = conversation.id;
        member.userId = userId;
        member.role = role;
        member.joinedAt = now;
        member.lastReadSeq = conversation.lastSeq;
        return member;
    }
}
