package dev.parley.chat.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.parley.chat.Message;
import dev.parley.chat.api.Event;
import dev.parley.chat.api.MessageView;
import dev.parley.chat.repository.ConversationRepository;
import dev.parley.chat.repository.MessageRepository;
import dev.parley.common.error.ApiException;
import dev.parley.common.time.Timestamps;

/** The author's edits and deletions of their own messages. */
@ApplicationScoped
public class MessageChanges {

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final ConversationAccess access;
    private final ConversationFacts facts;
    private final Relationships relationships;
    private final EventPublisher events;

    public MessageChanges(ConversationRepository conversations, MessageRepository messages,
            ConversationAccess access, ConversationFacts facts, Relationships relationships, EventPublisher events) {
        this.conversations = conversations;
        this.messages = messages;
        this.access = access;
        this.facts = facts;
        this.relationships = relationships;
        this.events = events;
    }

    /**
     * The author's new text. In a direct conversation it is writing to the other user, so the same rules as sending
     * apply: refused with 403 once their account is gone or when the two may not message each other.
     */
    public Uni<MessageView> edit(long caller, long conversationId, long messageId, String rawBody) {
        String body = Rules.body(rawBody);
        // Decided before the transaction: the decision may have to ask friendship-service.
        return facts.of(conversationId)
                .chain(known -> known != null && known.isDirect() && known.directMember(caller)
                        ? authored(caller, conversationId, messageId).chain(
                                ignored -> relationships.requireMayWrite(conversationId, caller, known.peerOf(caller)))
                        : Uni.createFrom().voidItem())
                .chain(() -> storeEdit(caller, conversationId, messageId, body));
    }

    @WithTransaction
    @Announces
    Uni<MessageView> storeEdit(long caller, long conversationId, long messageId, String body) {
        return authored(caller, conversationId, messageId).chain(message -> {
            if (message.isDeleted()) {
                return Uni.createFrom().failure(ApiException.conflict("Message " + messageId + " was deleted"));
            }
            message.body = body;
            message.editedAt = Timestamps.now();
            return announce(Event.MESSAGE_UPDATED, message);
        });
    }

    /** Leaves a tombstone in the message's place; deleting twice changes nothing. */
    @WithTransaction
    @Announces
    public Uni<Void> delete(long caller, long conversationId, long messageId) {
        return authored(caller, conversationId, messageId).chain(message -> {
            if (message.isDeleted()) {
                return Uni.createFrom().voidItem();
            }
            message.body = null;
            message.deletedAt = Timestamps.now();
            return announce(Event.MESSAGE_DELETED, message).replaceWithVoid();
        });
    }

    private Uni<Message> authored(long caller, long conversationId, long messageId) {
        return access.seat(conversationId, caller)
                .chain(seat -> messages.findInConversation(conversationId, messageId))
                .invoke(message -> {
                    if (message == null) {
                        throw ApiException.notFound("Message " + messageId + " not found");
                    }
                    if (message.senderId != caller) {
                        throw ApiException.forbidden("You can only change your own messages");
                    }
                });
    }

    private Uni<MessageView> announce(String type, Message message) {
        MessageView view = MessageView.of(message);
        return conversations.touch(message.conversationId)
                .chain(() -> events.publish(new Event(type, message.conversationId, message.seq, view)))
                .replaceWith(view);
    }
}
