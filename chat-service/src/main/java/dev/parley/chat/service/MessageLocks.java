package dev.parley.chat.service;

import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.chat.repository.MessageRepository;
import dev.parley.chat.repository.MessageRepository.Authored;
import dev.parley.chat.repository.SeatRepository;
import dev.parley.chat.repository.SeatRepository.Place;
import dev.parley.chat.service.LoggedTransactions.Change;

/**
 * How a change to a stored message (an edit, a deletion, a reaction, a pin) takes its locks: the caller must be a
 * member (404 otherwise, before any lock), then the conversation's row is locked, as for every write in it, then the
 * message's, which must be in that conversation (404 otherwise).
 */
@ApplicationScoped
public class MessageLocks {

    private final SeatRepository seats;
    private final MessageRepository messages;
    private final ConversationAccess access;

    public MessageLocks(SeatRepository seats, MessageRepository messages, ConversationAccess access) {
        this.seats = seats;
        this.messages = messages;
        this.access = access;
    }

    /** The message, locked, for any member. */
    Uni<Authored> lock(Change change, long caller, long conversationId, long messageId) {
        return lock(change, caller, conversationId, messageId, place -> {
        });
    }

    /** The message, locked; {@code allowed} may refuse the caller's place before anything is locked. */
    Uni<Authored> lock(Change change, long caller, long conversationId, long messageId, Consumer<Place> allowed) {
        return access.place(change.tx(), conversationId, caller)
                .invoke(allowed)
                .chain(place -> seats.touch(change.tx(), conversationId))
                .chain(() -> messages.lock(change.tx(), conversationId, messageId))
                .onItem().ifNull().failWith(() -> Rules.messageNotFound(messageId));
    }
}
