package dev.parley.chat.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import dev.parley.chat.api.Event;
import dev.parley.chat.api.MessageView;
import dev.parley.chat.repository.MessageRepository;
import dev.parley.chat.repository.MessageRepository.Authored;
import dev.parley.chat.service.LoggedTransactions.Change;
import dev.parley.common.error.ApiException;
import dev.parley.common.time.Timestamps;

/** The author's edits and deletions of their own messages. */
@ApplicationScoped
public class MessageChanges {

    private final Pool pool;
    private final MessageRepository messages;
    private final MessageLocks locks;
    private final ConversationAccess access;
    private final WritingRights rights;
    private final LoggedTransactions transactions;
    private final Pins pins;

    public MessageChanges(Pool pool, MessageRepository messages, MessageLocks locks, ConversationAccess access,
            WritingRights rights, LoggedTransactions transactions, Pins pins) {
        this.pool = pool;
        this.messages = messages;
        this.locks = locks;
        this.access = access;
        this.rights = rights;
        this.transactions = transactions;
        this.pins = pins;
    }

    /**
     * The author's new text. In a direct conversation it is writing to the other user, so the same rules as sending
     * apply: refused with 403 once their account is gone or when the two may not message each other.
     */
    public Uni<MessageView> edit(long caller, long conversationId, long messageId, String rawBody) {
        String body = Rules.body(rawBody);
        // Who may change the message is answered first (404, 403), then whether the caller may still write here.
        return authoredBy(caller, conversationId, messageId)
                .chain(() -> rights.require(caller, conversationId))
                .chain(() -> transactions.run(change -> locked(change, caller, conversationId, messageId)
                        .chain(message -> {
                            if (message.deleted()) {
                                throw ApiException.conflict("Message " + messageId + " was deleted");
                            }
                            return messages.edit(change.tx(), messageId, body, Timestamps.now())
                                    .chain(() -> announced(change, Event.MESSAGE_UPDATED, message, caller));
                        })));
    }

    /** Leaves a tombstone in the message's place, and takes its pin away; deleting twice changes nothing. */
    public Uni<Void> delete(long caller, long conversationId, long messageId) {
        return transactions.run(change -> locked(change, caller, conversationId, messageId).chain(message -> {
            if (message.deleted()) {
                return Uni.createFrom().voidItem();
            }
            Instant now = Timestamps.now();
            return messages.tombstone(change.tx(), message, now)
                    .chain(() -> pins.unpinDeleted(change, message))
                    .chain(() -> announced(change, Event.MESSAGE_DELETED, message, caller))
                    .replaceWithVoid();
        }));
    }

    private Uni<MessageView> authoredBy(long caller, long conversationId, long messageId) {
        return access.place(pool, conversationId, caller)
                .chain(place -> messages.one(pool, conversationId, messageId, caller))
                .invoke(message -> {
                    if (message == null) {
                        throw Rules.messageNotFound(messageId);
                    }
                    if (message.senderId() != caller) {
                        throw ApiException.forbidden("You can only change your own messages");
                    }
                });
    }

    private Uni<Authored> locked(Change change, long caller, long conversationId, long messageId) {
        return locks.lock(change, caller, conversationId, messageId).invoke(message -> {
            if (message.senderId() != caller) {
                throw ApiException.forbidden("You can only change your own messages");
            }
        });
    }

    private Uni<MessageView> announced(Change change, String type, Authored message, long caller) {
        return messages.one(change.tx(), message.conversationId(), message.id(), caller)
                .call(view -> change.publish(new Event(type, message.conversationId(), message.seq(), view.shared())));
    }
}
