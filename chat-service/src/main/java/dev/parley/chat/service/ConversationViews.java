package dev.parley.chat.service;

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
import dev.parley.chat.repository.ConversationRepository.WithReadMark;
import dev.parley.chat.repository.MemberRepository;
import dev.parley.chat.repository.MessageRepository;
import dev.parley.common.paging.Keyset;
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
        return conversations.listForUser(userId, Keyset.after(cursor), limit + 1)
                .chain(rows -> withLastMessages(rows).map(views -> Page.of(views, limit, Function.identity(),
                        view -> Keyset.cursorAfter(view.lastActivityAt(), view.id()))));
    }

    /** One conversation with its members, for a member only. */
    public Uni<ConversationView> detail(long conversationId, long userId) {
        return access.seat(conversationId, userId).chain(seat -> members.listOf(conversationId)
                .chain(all -> lastMessage(seat.conversation()).map(last -> ConversationView.of(seat.conversation(),
                        seat.member().lastReadSeq, last, all.stream().map(MemberView::of).toList()))));
    }

    /** Views of conversations with the member's read mark, in the rows' order. */
    public Uni<List<ConversationView>> withLastMessages(List<WithReadMark> rows) {
        List<Long> ids = rows.stream().map(row -> row.conversation().id).toList();
        return messages.latestOf(ids).map(latest -> {
            Map<Long, Message> byConversation = latest.stream()
                    .collect(Collectors.toMap(m -> m.conversationId, Function.identity()));
            return rows.stream().map(row -> {
                Message last = byConversation.get(row.conversation().id);
                return ConversationView.of(row.conversation(), row.lastReadSeq(),
                        last == null ? null : MessageView.of(last), null);
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
