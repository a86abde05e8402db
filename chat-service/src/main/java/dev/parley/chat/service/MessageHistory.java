package dev.parley.chat.service;

import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.chat.api.MessageView;
import dev.parley.chat.config.ChatConfig;
import dev.parley.chat.repository.MessageRepository;
import dev.parley.common.error.ApiException;
import dev.parley.common.paging.Cursor;
import dev.parley.common.paging.Page;

/** Reading a conversation's messages by seq. */
@ApplicationScoped
public class MessageHistory {

    private final MessageRepository messages;
    private final ConversationAccess access;
    private final AnswerSizes sizes;
    private final ChatConfig config;

    public MessageHistory(MessageRepository messages, ConversationAccess access, AnswerSizes sizes,
            ChatConfig config) {
        this.messages = messages;
        this.access = access;
        this.sizes = sizes;
        this.config = config;
    }

    /**
     * Newest first below {@code before_seq} (the default, from the newest message), or oldest first above
     * {@code after_seq}, which is how a client catches up after a reconnect. A page holds at most
     * {@code parley.messages.max-page-bytes} of JSON, so it may have fewer than {@code limit} messages and still a
     * {@code next_cursor}.
     */
    public Uni<Page<MessageView>> page(long caller, long conversationId, String beforeSeq, String afterSeq,
            String cursor, int limit) {
        Long before = seqParam("before_seq", beforeSeq);
        Long after = seqParam("after_seq", afterSeq);
        Cursor position = Cursor.decode(cursor, 2);
        if (position != null) {
            boolean forward = "after".equals(position.string(0));
            after = forward ? position.longValue(1) : null;
            before = forward ? null : position.longValue(1);
        }
        if (before != null && after != null) {
            throw ApiException.badRequest("Use before_seq or after_seq, not both");
        }
        Long from = after;
        Long below = before;
        return access.seat(conversationId, caller).chain(seat -> {
            if (from != null) {
                return messages.after(conversationId, from, limit + 1, caller)
                        .map(rows -> bounded(rows, limit, m -> Cursor.of("after", m.seq())));
            }
            long start = below == null ? seat.conversation().lastSeq + 1 : below;
            return messages.before(conversationId, start, limit + 1, caller)
                    .map(rows -> bounded(rows, limit, m -> Cursor.of("before", m.seq())));
        });
    }

    // A full page of the longest bodies would reach megabytes: a page ends early when the next message would take it
    // past parley.messages.max-page-bytes, though never before its first message.
    private Page<MessageView> bounded(List<MessageView> rows, int limit, Function<MessageView, Cursor> cursorOf) {
        List<MessageView> views = rows.stream().limit(limit).toList();
        int shown = Math.max(1, sizes.fitting(views, config.messages().maxPageBytes() - AnswerSizes.ENVELOPE));
        if (shown >= rows.size()) {
            return new Page<>(views, null);
        }
        List<MessageView> page = views.subList(0, shown);
        return new Page<>(page, cursorOf.apply(page.get(page.size() - 1)).encode());
    }

    private static Long seqParam(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest(name + " must be a non-negative integer");
    }
}
