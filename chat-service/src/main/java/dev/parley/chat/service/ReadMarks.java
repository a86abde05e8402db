package dev.parley.chat.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import dev.parley.chat.api.Event;
import dev.parley.chat.api.ReadState;
import dev.parley.chat.api.Receipt;
import dev.parley.chat.api.Receipts;
import dev.parley.chat.repository.PushJobRepository;
import dev.parley.chat.repository.ReceiptRepository;
import dev.parley.chat.repository.ReceiptRepository.Marks;
import dev.parley.common.error.ApiException;
import dev.parley.common.validation.Input;

/**
 * Read and delivery marks: how far each member has read, which is what unread counts are made of, and how far their
 * devices have received. Both only move forward, capped at the newest message, and reading moves delivery too. The
 * reader's own devices hear of a new read mark at once ({@code read.updated}); the other members through
 * {@link ReceiptAnnouncer}, unless receipts are kept private; their phones get their badge set again by a silent push
 * ({@link PushPlanner}).
 */
@ApplicationScoped
public class ReadMarks {

    private final Pool pool;
    private final ReceiptRepository receipts;
    private final ConversationAccess access;
    private final LoggedTransactions transactions;
    private final ReceiptAnnouncer announcer;
    private final PushJobRepository pushJobs;

    public ReadMarks(Pool pool, ReceiptRepository receipts, ConversationAccess access,
            LoggedTransactions transactions, ReceiptAnnouncer announcer, PushJobRepository pushJobs) {
        this.pool = pool;
        this.receipts = receipts;
        this.access = access;
        this.transactions = transactions;
        this.announcer = announcer;
        this.pushJobs = pushJobs;
    }

    /** Moves the caller's read mark, and delivery mark, forward to {@code seq}; backwards is ignored. */
    public Uni<Void> markRead(long caller, long conversationId, Long rawSeq) {
        return advance(caller, conversationId, seq(rawSeq), true);
    }

    /** Moves the caller's delivery mark forward to {@code seq}; backwards is ignored. */
    public Uni<Void> markDelivered(long caller, long conversationId, Long rawSeq) {
        return advance(caller, conversationId, seq(rawSeq), false);
    }

    /** Every member's marks as the caller may see them. */
    public Uni<Receipts> receipts(long caller, long conversationId) {
        return access.place(pool, conversationId, caller)
                .chain(place -> receipts.ofMembers(pool, conversationId))
                .map(all -> {
                    boolean callerHides = all.stream().anyMatch(m -> m.userId() == caller && m.hidden());
                    return new Receipts(all.stream().map(m -> shown(m, caller, callerHides)).toList());
                });
    }

    /**
     * The marks of the members of the conversations that moved since the transaction, as the reader may see them, by
     * conversation (for sync).
     */
    public Uni<Map<Long, List<Receipt>>> changedSince(long reader, List<Long> conversationIds, String sinceXid) {
        if (conversationIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Uni.combine().all()
                .unis(receipts.changedSince(pool, conversationIds, sinceXid), receipts.hiding(pool, List.of(reader)))
                .with((changed, hiding) -> {
                    Map<Long, List<Receipt>> shown = new HashMap<>();
                    changed.forEach((conversationId, marks) -> shown.put(conversationId, marks.stream()
                            .map(m -> shown(m, reader, !hiding.isEmpty())).toList()));
                    return shown;
                });
    }

    /** A member's marks as a reader sees them: nothing while either keeps receipts private, unless it is themselves. */
    static Receipt shown(Marks marks, long reader, boolean readerHides) {
        if (marks.userId() != reader && (marks.hidden() || readerHides)) {
            return new Receipt(marks.userId(), null, null);
        }
        return new Receipt(marks.userId(), marks.lastReadSeq(), marks.lastDeliveredSeq());
    }

    private Uni<Void> advance(long caller, long conversationId, long seq, boolean read) {
        return transactions.run(change -> access.place(change.tx(), conversationId, caller).chain(place -> {
            long mark = Math.min(seq, place.lastSeq());
            return receipts.advance(change.tx(), conversationId, caller, read ? mark : 0, mark).call(moved -> {
                if (moved == null || moved.lastReadSeq() <= place.lastReadSeq()) {
                    return Uni.createFrom().voidItem();
                }
                return pushJobs.queueRead(change.tx(), caller).chain(() -> change.publishTo(new Event(
                        Event.READ_UPDATED, conversationId, moved.lastReadSeq(),
                        new ReadState(caller, moved.lastReadSeq())), List.of(caller)));
            });
        })).invoke(moved -> {
            if (moved != null) {
                announcer.changed(conversationId, caller);
            }
        }).replaceWithVoid();
    }

    private static long seq(Long raw) {
        long seq = Input.required("seq", raw);
        if (seq < 0) {
            throw ApiException.badRequest("seq must not be negative");
        }
        return seq;
    }
}
