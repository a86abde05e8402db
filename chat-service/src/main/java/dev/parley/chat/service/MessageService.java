package dev.parley.chat.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.parley.chat.Message;
import dev.parley.chat.api.Event;
import dev.parley.chat.api.MessageView;
import dev.parley.chat.api.NewMessage;
import dev.parley.chat.api.SentMessage;
import dev.parley.chat.client.Friendships;
import dev.parley.chat.repository.ConversationRepository;
import dev.parley.chat.repository.MemberRepository;
import dev.parley.chat.repository.MessageRepository;
import dev.parley.common.error.ApiException;
import dev.parley.common.time.Timestamps;

/**
 * Sending messages. Each message takes the conversation's next seq in the transaction that stores it, so seqs are
 * gap-free and strictly increasing; a resend with the same {@code client_message_id} finds the stored message
 * instead of adding a second one.
 */
@ApplicationScoped
public class MessageService {

    private final ConversationRepository conversations;
    private final MemberRepository members;
    private final MessageRepository messages;
    private final ConversationAccess access;
    private final Friendships friendships;
    private final EventPublisher events;
    private final Counter sent;

    public MessageService(ConversationRepository conversations, MemberRepository members,
            MessageRepository messages, ConversationAccess access, Friendships friendships, EventPublisher events,
            MeterRegistry registry) {
        this.conversations = conversations;
        this.members = members;
        this.messages = messages;
        this.access = access;
        this.friendships = friendships;
        this.events = events;
        this.sent = Counter.builder("parley.messages.sent").description("Messages stored").register(registry);
    }

    public Uni<SentMessage> send(long caller, String authorization, long conversationId, NewMessage request) {
        NewMessage message = request == null ? new NewMessage(null, null) : request;
        String body = Rules.body(message.body());
        String clientId = Rules.clientMessageId(message.clientMessageId());
        return access.seat(conversationId, caller)
                .chain(seat -> seat.conversation().isDirect()
                        ? requireStillFriends(seat, caller, authorization)
                        : Uni.createFrom().voidItem())
                .chain(() -> store(caller, conversationId, body, clientId))
                // The same client_message_id sent twice at once: the second insert loses on the unique index.
                .onFailure(e -> clientId != null && Rules.isUniqueViolation(e))
                .recoverWithUni(() -> existing(conversationId, caller, clientId));
    }

    @WithTransaction
    Uni<SentMessage> store(long caller, long conversationId, String body, String clientId) {
        Instant now = Timestamps.now();
        Uni<Message> earlier = clientId == null
                ? Uni.createFrom().nullItem()
                : messages.findByClientId(conversationId, caller, clientId);
        return earlier.chain(found -> {
            if (found != null) {
                return Uni.createFrom().item(new SentMessage(MessageView.of(found), false));
            }
            return conversations.nextSeq(conversationId, caller, now).chain(seq -> {
                if (seq == null) {
                    return Uni.createFrom().failure(Rules.conversationNotFound(conversationId));
                }
                Message stored = newMessage(conversationId, seq, caller, body, clientId, now);
                return messages.persist(stored)
                        .call(() -> members.advanceReadMark(conversationId, caller, seq))
                        .call(() -> members.userIds(conversationId).chain(ids -> events.publish(
                                new Event(Event.MESSAGE_CREATED, conversationId, seq, MessageView.of(stored)), ids,
                                stored.id)))
                        .map(saved -> new SentMessage(MessageView.of(saved), true));
            });
        }).invoke(result -> {
            if (result.created()) {
                sent.increment();
            }
        });
    }

    @WithTransaction
    Uni<SentMessage> existing(long conversationId, long caller, String clientId) {
        return messages.findByClientId(conversationId, caller, clientId)
                .map(found -> new SentMessage(MessageView.of(found), false));
    }

    // Blocking someone ends the friendship, so "still friends" also covers "not blocked by the other side".
    private Uni<Void> requireStillFriends(ConversationAccess.Seat seat, long caller, String authorization) {
        return members.userIds(seat.conversation().id)
                .chain(ids -> {
                    long peer = ids.stream().filter(id -> id != caller).findFirst().orElse(caller);
                    return friendships.areFriends(peer, authorization);
                })
                .invoke(friends -> {
                    if (!friends) {
                        throw ApiException.forbidden("You can only message friends");
                    }
                })
                .replaceWithVoid();
    }

    private static Message newMessage(long conversationId, long seq, long sender, String body, String clientId,
            Instant now) {
        Message message = new Message();
        message.conversationId = conversationId;
        message.seq = seq;
        message.senderId = sender;
        message.body = body;
        message.clientMessageId = clientId;
        message.createdAt = now;
        return message;
    }
}
