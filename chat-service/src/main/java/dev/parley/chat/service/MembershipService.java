package dev.parley.chat.service;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.parley.chat.Member;
import dev.parley.chat.api.Event;
import dev.parley.chat.api.MemberView;
import dev.parley.chat.config.ChatConfig;
import dev.parley.chat.repository.ConversationRepository;
import dev.parley.chat.repository.MemberRepository;
import dev.parley.common.error.ApiException;
import dev.parley.common.time.Timestamps;
import dev.parley.common.validation.Input;

/** Who is in a group: adding, removing, leaving and roles. Direct conversations keep their two members. */
@ApplicationScoped
public class MembershipService {

    private static final Set<String> ROLES = Set.of(Member.OWNER, Member.ADMIN, Member.MEMBER);

    private final ConversationRepository conversations;
    private final MemberRepository members;
    private final ConversationAccess access;
    private final Relationships relationships;
    private final EventPublisher events;
    private final ChatConfig config;
    private final ReceiptPrivacy privacy;

    public MembershipService(ConversationRepository conversations, MemberRepository members,
            ConversationAccess access, Relationships relationships, EventPublisher events, ChatConfig config,
            ReceiptPrivacy privacy) {
        this.conversations = conversations;
        this.members = members;
        this.access = access;
        this.relationships = relationships;
        this.events = events;
        this.config = config;
        this.privacy = privacy;
    }

    /**
     * Adds a friend of the caller; only owners and admins may. Neither of two users who block one another can add
     * the other (403 {@code You can only message friends}).
     */
    public Uni<MemberView> add(long caller, long conversationId, Long rawUserId) {
        long userId = Input.required("user_id", rawUserId);
        // Membership is checked before the relationship, so outsiders learn nothing from the answer.
        return access.seat(conversationId, caller)
                .invoke(seat -> requireManager(seat, "Only the group's owners and admins can do this"))
                .chain(() -> relationships.between(caller, userId))
                .chain(standing -> switch (standing) {
                    case FRIENDS -> Deadlocks.retried(() -> store(caller, conversationId, userId));
                    case BLOCKED -> Uni.createFrom().failure(Relationships.notFriends());
                    case STRANGERS -> Uni.createFrom().failure(ConversationService.notFriend(userId));
                });
    }

    @WithTransaction
    @Announces
    Uni<MemberView> store(long caller, long conversationId, long userId) {
        Instant now = Timestamps.now();
        return access.lockedSeat(conversationId, caller)
                .invoke(seat -> requireManager(seat, "Only the group's owners and admins can do this"))
                .chain(seat -> members.find(conversationId, userId).chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().failure(
                                ApiException.conflict("User " + userId + " is already a member"));
                    }
                    return members.countOf(conversationId).chain(count -> {
                        if (count >= config.groups().maxMembers()) {
                            return Uni.createFrom().failure(ApiException.conflict(
                                    "A group has at most " + config.groups().maxMembers() + " members"));
                        }
                        Member member = ConversationService.newMember(seat.conversation(), userId, Member.MEMBER,
                                now);
                        return members.persist(member).map(MemberView::of);
                    });
                }))
                .call(view -> announce(Event.MEMBER_ADDED, conversationId, view));
    }

    /** Removes a member (owners and admins), or the caller themselves (leaving). */
    public Uni<Void> remove(long caller, long conversationId, long userId) {
        return Deadlocks.retried(() -> removeOnce(caller, conversationId, userId));
    }

    @WithTransaction
    @Announces
    Uni<Void> removeOnce(long caller, long conversationId, long userId) {
        return access.lockedSeat(conversationId, caller).chain(seat -> {
            requireGroup(seat);
            boolean leaving = caller == userId;
            if (!leaving) {
                requireManager(seat, "Only the group's owners and admins can do this");
            }
            Uni<Member> target = leaving ? Uni.createFrom().item(seat.member()) : members.find(conversationId, userId);
            return target.chain(member -> {
                if (member == null) {
                    return Uni.createFrom().failure(ApiException.notFound("User " + userId + " is not a member"));
                }
                if (!leaving && member.isOwner() && !seat.member().isOwner()) {
                    return Uni.createFrom().failure(ApiException.forbidden("Only an owner can remove an owner"));
                }
                return members.delete(member)
                        .call(() -> handOverOwnership(conversationId, member))
                        .call(() -> announce(Event.MEMBER_REMOVED, conversationId, MemberView.of(member)));
            });
        }).replaceWithVoid();
    }

    /** Changes a member's role; owners only, and a group always keeps at least one owner. */
    public Uni<MemberView> changeRole(long caller, long conversationId, long userId, String rawRole) {
        String role = Input.required("role", rawRole);
        if (!ROLES.contains(role)) {
            throw ApiException.badRequest("role must be 'owner', 'admin' or 'member'");
        }
        return Deadlocks.retried(() -> changeRoleOnce(caller, conversationId, userId, role));
    }

    @WithTransaction
    @Announces
    Uni<MemberView> changeRoleOnce(long caller, long conversationId, long userId, String role) {
        return access.lockedSeat(conversationId, caller).chain(seat -> {
            requireGroup(seat);
            if (!seat.member().isOwner()) {
                return Uni.createFrom().failure(ApiException.forbidden("Only the group's owners can change roles"));
            }
            return members.find(conversationId, userId).chain(member -> {
                if (member == null) {
                    return Uni.createFrom().failure(ApiException.notFound("User " + userId + " is not a member"));
                }
                return ownersBesides(conversationId, member).chain(others -> {
                    if (member.isOwner() && !Member.OWNER.equals(role) && others == 0) {
                        return Uni.createFrom().failure(ApiException.conflict("A group must keep an owner"));
                    }
                    member.role = role;
                    MemberView view = MemberView.of(member);
                    return announce(Event.MEMBER_UPDATED, conversationId, view).replaceWith(view);
                });
            });
        });
    }

    // The last owner leaving hands the group to its longest-standing member.
    private Uni<Void> handOverOwnership(long conversationId, Member leaving) {
        if (!leaving.isOwner()) {
            return Uni.createFrom().voidItem();
        }
        return members.listOf(conversationId).invoke(rest -> {
            boolean ownerLeft = rest.stream().anyMatch(m -> m.isOwner() && !m.id.equals(leaving.id));
            rest.stream().filter(m -> !m.id.equals(leaving.id)).findFirst()
                    .filter(first -> !ownerLeft)
                    .ifPresent(first -> first.role = Member.OWNER);
        }).replaceWithVoid();
    }

    private Uni<Long> ownersBesides(long conversationId, Member member) {
        return members.listOf(conversationId)
                .map(all -> all.stream().filter(m -> m.isOwner() && !m.id.equals(member.id)).count());
    }

    // The member the change is about hears of it too, whether they just joined or just left.
    private Uni<Void> announce(String type, long conversationId, MemberView member) {
        return conversations.touch(conversationId).chain(() -> privacy.shared(member))
                .chain(shown -> events.publish(new Event(type, conversationId, null, shown), List.of(member.userId())));
    }

    private static void requireManager(ConversationAccess.Seat seat, String message) {
        requireGroup(seat);
        if (!seat.member().canManage()) {
            throw ApiException.forbidden(message);
        }
    }

    private static void requireGroup(ConversationAccess.Seat seat) {
        if (seat.conversation().isDirect()) {
            throw ApiException.badRequest("The members of a direct conversation cannot change");
        }
    }
}
