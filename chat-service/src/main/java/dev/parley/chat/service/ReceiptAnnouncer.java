package dev.parley.chat.service;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import dev.parley.chat.api.Event;
import dev.parley.chat.api.Receipt;
import dev.parley.chat.repository.ReceiptRepository;
import dev.parley.chat.repository.ReceiptRepository.Marks;

/**
 * Tells the other members of a conversation how far a member has read and received ({@code receipt.updated}), at
 * most once a second per member and conversation: a change within a second of the last event is told when that
 * second ends, with the marks as they are then. Nothing is told of a member who keeps receipts private, nor to one.
 * The window is kept by each replica for the changes it stores.
 */
@ApplicationScoped
public class ReceiptAnnouncer {

    static final long WINDOW_MILLIS = 1000;
    private static final Logger LOG = Logger.getLogger(ReceiptAnnouncer.class);

    private record Key(long conversationId, long userId) {
    }

    /** When the last event was told, and whether the next one waits for the window's end. */
    private record Slot(long toldAt, boolean waiting) {
    }

    private final Map<Key, Slot> slots = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private final LoggedTransactions transactions;
    private final ReceiptRepository receipts;

    public ReceiptAnnouncer(Vertx vertx, LoggedTransactions transactions, ReceiptRepository receipts) {
        this.vertx = vertx;
        this.transactions = transactions;
        this.receipts = receipts;
    }

    /** The member's marks changed, and the change has committed. */
    void changed(long conversationId, long userId) {
        Key key = new Key(conversationId, userId);
        long now = System.currentTimeMillis();
        Slot before = slots.get(key);
        Slot after = slots.compute(key, (k, slot) -> {
            if (slot == null || now - slot.toldAt() >= WINDOW_MILLIS) {
                return new Slot(now, false);
            }
            return slot.waiting() ? slot : new Slot(slot.toldAt(), true);
        });
        if (!after.waiting()) {
            tell(key);
        } else if (before == null || !before.waiting()) {
            vertx.setTimer(Math.max(1, after.toldAt() + WINDOW_MILLIS - now), id -> {
                slots.put(key, new Slot(System.currentTimeMillis(), false));
                tell(key);
            });
        }
    }

    private void tell(Key key) {
        // The slot is forgotten once its window has passed with nothing waiting.
        vertx.setTimer(WINDOW_MILLIS, id -> slots.computeIfPresent(key, (k, slot) -> slot.waiting()
                || System.currentTimeMillis() - slot.toldAt() < WINDOW_MILLIS ? slot : null));
        transactions.run(change -> receipts.ofMembers(change.tx(), key.conversationId()).chain(members -> {
            Marks marks = members.stream().filter(m -> m.userId() == key.userId()).findFirst().orElse(null);
            List<Long> recipients = members.stream().filter(m -> m.userId() != key.userId() && !m.hidden())
                    .map(Marks::userId).toList();
            if (marks == null || marks.hidden() || recipients.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return change.publishTo(new Event(Event.RECEIPT_UPDATED, key.conversationId(), null,
                    new Receipt(key.userId(), marks.lastReadSeq(), marks.lastDeliveredSeq())), recipients);
        })).subscribe().with(ignored -> {
        }, failure -> LOG.warnf(failure, "Could not tell receipts of user %d in conversation %d", key.userId(),
                key.conversationId()));
    }
}
