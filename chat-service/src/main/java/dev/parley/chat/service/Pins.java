package dev.parley.chat.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import dev.parley.chat.api.Event;
import dev.parley.chat.api.PinChange;
import dev.parley.chat.api.PinView;
import dev.parley.chat.repository.MessageRepository.Authored;
import dev.parley.chat.repository.PinRepository;
import dev.parley.chat.repository.SeatRepository.Place;
import dev.parley.chat.service.LoggedTransactions.Change;
import dev.parley.common.error.ApiException;
import dev.parley.common.paging.Page;
import dev.parley.common.time.Timestamps;

/**
 * Pinned messages: in a group its owners and admins pin, in a direct conversation either member. At most
 * {@value #MAX_PINS} per conversation, counted under the conversation's row lock; a deleted message loses its pin.
 */
@ApplicationScoped
public class Pins {

    static final int MAX_PINS = 50;

    private final Pool pool;
    private final PinRepository pins;
    private final MessageLocks locks;
    private final ConversationAccess access;
    private final LoggedTransactions transactions;
    private final SendAllowance allowance;

    public Pins(Pool pool, PinRepository pins, MessageLocks locks, ConversationAccess access,
            LoggedTransactions transactions, SendAllowance allowance) {
        this.pool = pool;
        this.pins = pins;
        this.locks = locks;
        this.access = access;
        this.transactions = transactions;
        this.allowance = allowance;
    }

    /** Pins the message; pinning it again changes nothing. */
    public Uni<Void> pin(long caller, long conversationId, long messageId) {
        allowance.spendOnChange(caller);
        return transactions.run(change -> locked(change, caller, conversationId, messageId).chain(message -> {
            if (message.deleted()) {
                throw Rules.messageDeleted();
            }
            return pins.isPinned(change.tx(), messageId).chain(pinned -> pinned
                    ? Uni.createFrom().voidItem()
                    : pins.count(change.tx(), conversationId).chain(count -> {
                        if (count >= MAX_PINS) {
                            throw ApiException.badRequest("Too many pins");
                        }
                        Instant now = Timestamps.now();
                        return pins.pin(change.tx(), conversationId, messageId, caller, now)
                                .chain(() -> announce(change, Event.PIN_ADDED, message, caller, now));
                    }));
        }));
    }

    /** Takes the pin away; a message without one changes nothing. */
    public Uni<Void> unpin(long caller, long conversationId, long messageId) {
        allowance.spendOnChange(caller);
        return transactions.run(change -> locked(change, caller, conversationId, messageId)
                .chain(message -> unpinned(change, message, caller)));
    }

    /** The pinned messages, newest pin first: never more than one page. */
    public Uni<Page<PinView>> list(long caller, long conversationId) {
        return access.place(pool, conversationId, caller)
                .chain(place -> pins.list(conversationId, caller))
                .map(found -> new Page<>(found, null));
    }

    /** In the transaction deleting the message: its pin goes with its body. */
    Uni<Void> unpinDeleted(Change change, Authored message) {
        return unpinned(change, message, message.senderId());
    }

    private Uni<Void> unpinned(Change change, Authored message, long by) {
        return pins.unpin(change.tx(), message.id()).chain(removed -> removed
                ? announce(change, Event.PIN_REMOVED, message, by, Timestamps.now())
                : Uni.createFrom().voidItem());
    }

    private Uni<Authored> locked(Change change, long caller, long conversationId, long messageId) {
        return locks.lock(change, caller, conversationId, messageId, Pins::requireMayPin);
    }

    private static void requireMayPin(Place place) {
        if (!place.isDirect() && !place.canManage()) {
            throw ApiException.forbidden("Only owners and admins can pin messages");
        }
    }

    private static Uni<Void> announce(Change change, String type, Authored message, long by, Instant at) {
        return change.publish(new Event(type, message.conversationId(), message.seq(),
                new PinChange(message.id(), by, at)));
    }
}
