package dev.parley.chat.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.chat.Message;
import dev.parley.chat.api.ConversationView;
import dev.parley.chat.api.MessageView;
import dev.parley.chat.api.SyncResult;
import dev.parley.chat.api.SyncedConversation;
import dev.parley.chat.config.ChatConfig;
import dev.parley.chat.repository.ConversationRepository;
import dev.parley.chat.repository.MessageRepository;
import dev.parley.common.error.ApiException;
import dev.parley.common.paging.Cursor;

/**
 * Catching up in one call: every conversation of the caller changed since the cursor, with its changed messages.
 * <p>
 * Changes are stamped with the id of the transaction that made them. A cursor holds the oldest transaction that was
 * still running when it was made ({@code pg_snapshot_xmin}): everything older is settled and was returned, anything
 * newer is returned next time. So a change is never skipped, even one committed late by a slow transaction; at worst
 * it is returned twice, and clients merge by seq.
 */
@ApplicationScoped
public class SyncService {

    private static final String FROM_THE_START = "0";

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final ConversationViews views;
    private final ChatConfig config;

    public SyncService(ConversationRepository conversations, MessageRepository messages, ConversationViews views,
            ChatConfig config) {
        this.conversations = conversations;
        this.messages = messages;
        this.views = views;
        this.config = config;
    }

    public Uni<SyncResult> sync(long caller, String cursor, int max) {
        // Cursor: (changes since, conversation id reached on this pass, where the next pass starts).
        Cursor position = Cursor.decode(cursor, 3);
        String since = position == null ? FROM_THE_START : checkedXid(position.string(0));
        long afterId = position == null ? 0 : position.longValue(1);
        Uni<String> nextSince = position == null || position.string(2).isEmpty()
                ? conversations.snapshotXmin()
                : Uni.createFrom().item(checkedXid(position.string(2)));
        return nextSince.chain(next -> conversations.changedFor(caller, since, afterId, max + 1).chain(ids -> {
            boolean more = ids.size() > max;
            List<Long> page = more ? ids.subList(0, max) : ids;
            String nextCursor = more
                    ? Cursor.of(since, page.get(page.size() - 1), next).encode()
                    : Cursor.of(next, 0, "").encode();
            return load(caller, page, since).map(items -> new SyncResult(items, nextCursor, more));
        }));
    }

    private Uni<List<SyncedConversation>> load(long caller, List<Long> ids, String since) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int perConversation = config.sync().maxMessagesPerConversation();
        return conversations.withReadMarks(caller, ids).chain(views::withLastMessages)
                .chain(found -> messages.changedSince(ids, since, perConversation).map(changed -> {
                    Map<Long, List<Message>> byConversation = changed.stream()
                            .collect(Collectors.groupingBy(m -> m.conversationId));
                    List<SyncedConversation> items = new ArrayList<>(found.size());
                    for (ConversationView view : found) {
                        List<Message> list = byConversation.getOrDefault(view.id(), List.of());
                        boolean truncated = list.size() > perConversation;
                        List<MessageView> shown = (truncated ? list.subList(0, perConversation) : list).stream()
                                .map(MessageView::of).toList();
                        items.add(new SyncedConversation(view, shown, truncated));
                    }
                    return items;
                }));
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
