package dev.parley.chat.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.chat.api.ConversationView;
import dev.parley.chat.api.MessageView;
import dev.parley.chat.api.SyncResult;
import dev.parley.chat.api.SyncedConversation;
import dev.parley.chat.config.ChatConfig;
import dev.parley.chat.repository.ConversationRepository;
import dev.parley.chat.repository.MessageRepository;
import dev.parley.chat.repository.TransactionIds;
import dev.parley.common.error.ApiException;
import dev.parley.common.paging.Cursor;

/**
 * Catching up in one call: every conversation of the caller changed since the cursor, with its changed messages.
 * <p>
 * Changes are stamped with the id of the transaction that made them. A cursor holds the oldest transaction that was
 * still running when it was made ({@code pg_snapshot_xmin}): everything older is settled and was returned, anything
 * newer is returned next time. So a change is never skipped, even one committed late by a slow transaction; at worst
 * it is returned twice, and clients merge by seq.
 * <p>
 * An answer holds at most {@code parley.sync.max-bytes} of JSON: conversations beyond it follow with
 * {@code next_cursor}, and a single conversation larger than that comes with the messages that fit, marked truncated.
 */
@ApplicationScoped
public class SyncService {

    private static final String FROM_THE_START = "0";

    private final ConversationRepository conversations;
    private final TransactionIds transactions;
    private final MessageRepository messages;
    private final ConversationViews views;
    private final ReadMarks marks;
    private final AnswerSizes sizes;
    private final ChatConfig config;

    public SyncService(ConversationRepository conversations, TransactionIds transactions, MessageRepository messages,
            ConversationViews views, ReadMarks marks, AnswerSizes sizes, ChatConfig config) {
        this.conversations = conversations;
        this.transactions = transactions;
        this.messages = messages;
        this.views = views;
        this.marks = marks;
        this.sizes = sizes;
        this.config = config;
    }

    public Uni<SyncResult> sync(long caller, String cursor, int max) {
        // Cursor: (changes since, conversation id reached on this pass, where the next pass starts).
        Cursor position = Cursor.decode(cursor, 3);
        String since = position == null ? FROM_THE_START : checkedXid(position.string(0));
        long afterId = position == null ? 0 : position.longValue(1);
        Uni<String> nextSince = position == null || position.string(2).isEmpty()
                ? transactions.oldestRunning().map(Long::toUnsignedString)
                : Uni.createFrom().item(checkedXid(position.string(2)));
        return nextSince.chain(next -> conversations.changedFor(caller, since, afterId, max + 1).chain(ids -> {
            boolean more = ids.size() > max;
            List<Long> page = more ? ids.subList(0, max) : ids;
            return load(caller, page, since).map(fitted -> {
                // A pass ends only when the last conversation changed was included; until then the cursor moves
                // on from the last one that was.
                if (!more && !fitted.cut()) {
                    return new SyncResult(fitted.items(), Cursor.of(next, 0, "").encode(), false);
                }
                long reached = fitted.cut()
                        ? fitted.items().get(fitted.items().size() - 1).conversation().id()
                        : page.get(page.size() - 1);
                return new SyncResult(fitted.items(), Cursor.of(since, reached, next).encode(), true);
            });
        }));
    }

    /** The conversations of an answer, and whether some that changed were left for the next one. */
    private record Fitted(List<SyncedConversation> items, boolean cut) {
    }

    private Uni<Fitted> load(long caller, List<Long> ids, String since) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(new Fitted(List.of(), false));
        }
        int perConversation = config.sync().maxMessagesPerConversation();
        long budget = config.sync().maxBytes() - AnswerSizes.ENVELOPE;
        return conversations.withReadMarks(caller, ids).chain(rows -> views.withLastMessages(caller, rows))
                .chain(found -> Uni.combine().all()
                        .unis(messages.changedSince(ids, since, perConversation, budget, caller),
                                marks.changedSince(caller, ids, since))
                        .with((changed, receipts) -> {
                            Map<Long, List<MessageView>> byConversation = changed.stream()
                                    .collect(Collectors.groupingBy(MessageView::conversationId));
                            List<SyncedConversation> items = new ArrayList<>(found.size());
                            for (ConversationView view : found) {
                                List<MessageView> list = byConversation.getOrDefault(view.id(), List.of());
                                boolean truncated = list.size() > perConversation;
                                List<MessageView> shown = truncated ? list.subList(0, perConversation) : list;
                                items.add(new SyncedConversation(view, shown, truncated,
                                        receipts.getOrDefault(view.id(), List.of())));
                            }
                            return fit(items, budget);
                        }));
    }

    // Whole conversations while they fit; the first one always comes, with as many of its messages as fit, so every
    // answer makes progress. The database stops reading messages only past the budget (it counts less per message
    // than the JSON takes), so a conversation whose messages it cut short never fits whole here.
    private Fitted fit(List<SyncedConversation> items, long budget) {
        int whole = sizes.fitting(items, budget);
        if (whole > 0 || items.isEmpty()) {
            return new Fitted(items.subList(0, whole), whole < items.size());
        }
        SyncedConversation first = items.get(0);
        long bare = sizes.of(new SyncedConversation(first.conversation(), List.of(), true, first.receipts()));
        int shown = sizes.fitting(first.messages(), budget - bare);
        return new Fitted(List.of(new SyncedConversation(first.conversation(), first.messages().subList(0, shown),
                true, first.receipts())), items.size() > 1);
    }

    // A transaction id is an unsigned 64-bit number; anything else would fail in PostgreSQL's cast to xid8.
    private static String checkedXid(String value) {
        try {
            if (value.matches("\\d{1,20}")) {
                Long.parseUnsignedLong(value);
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("Invalid cursor");
    }
}
