package dev.parley.chat.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.chat.Conversation;
import dev.parley.chat.Message;
import dev.parley.chat.api.ConversationView;
import dev.parley.chat.api.MemberView;
import dev.parley.chat.api.MessageView;
import dev.parley.chat.repository.ConversationRepository;
import dev.parley.chat.repository.MemberRepository;
import dev.parley.chat.repository.MessageRepository;
import dev.parley.common.paging.Cursor;
import dev.parley.common.paging.Page;

/** Reads conversations as one member sees them: lists, one with its members, and the pieces events carry. */
@ApplicationScoped
public class ConversationViews {

    private final ConversationRepository conversations;
    private final MemberRepository members;
    private final MessageRepository messages;
    private final ConversationAccess access;

    public ConversationViews(ConversationRepository conversations, MemberRepository members,
            MessageRepository messages, ConversationAccess access) {
        this.conversations = conversations;
        this.members = members;
        this.messages = messages;
        this.access = access;
    }

    /** The caller's conversations, most recent activity first, each with unread count and newest message. */
    public Uni<Page<ConversationView>> list(long userId, String cursor, int limit) {
        Cursor after = Cursor.decode(cursor, 2);
        Instant before = after == null ? Instant.parse("9999-12-31T23:59:59Z") : after.instant(0);
        long beforeId = after == null ? Long.MAX_VALUE : after.longValue(1);
        return conversations.listForUser(userId, before, beforeId, limit + 1)
                .chain(rows -> withLastMessages(rows).map(views -> Page.of(views, limit, Function.identity(),
                        view -> Cursor.of(view.lastActivityAt(), view.id()))));
    }

    /** One conversation with its members, for a member only. */
    public Uni<ConversationView> detail(long conversationId, long userId) {
        return access.seat(conversationId, userId).chain(seat -> members.listOf(conversationId)
                .chain(all -> lastMessage(seat.conversation()).map(last -> ConversationView.of(seat.conversation(),
                        seat.member().lastReadSeq, last, all.stream().map(MemberView::of).toList()))));
    }

    /** Views for rows of (conversation, read mark), in the rows' order. */
    public Uni<List<ConversationView>> withLastMessages(List<Object[]> rows) {
        List<Long> ids = rows.stream().map(row -> ((Conversation) row[0]).id).toList();
        return messages.latestOf(ids).map(latest -> {
            Map<Long, Message> byConversation = latest.stream()
                    .collect(Collectors.toMap(m -> m.conversationId, Function.identity()));
            return rows.stream().map(row -> {
                Conversation conversation = (Conversation) row[0];
                Message last = byConversation.get(conversation.id);
                return ConversationView.of(conversation, (Long) row[1], last == null ? null : MessageView.of(last),
                        null);
            }).toList();
        });
    }

    Uni<MessageView> lastMessage(Conversation conversation) {
        if (conversation.lastSeq == 0) {
            return Uni.createFrom().nullItem();
        }
        return messages.latestOf(List.of(conversation.id))
                .map(found -> found.isEmpty() ? null : MessageView.of(found.get(0)));
    }
}
