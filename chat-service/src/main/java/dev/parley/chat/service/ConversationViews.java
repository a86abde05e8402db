package dev.parley.chat.service;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.chat.api.ConversationView;
import dev.parley.chat.api.MemberView;
import dev.parley.chat.api.MessageView;
import dev.parley.chat.repository.ConversationRepository;
import dev.parley.chat.repository.ConversationRepository.WithReadMark;
import dev.parley.chat.repository.MemberRepository;
import dev.parley.chat.repository.MentionRepository;
import dev.parley.chat.repository.MessageRepository;
import dev.parley.common.paging.Keyset;
import dev.parley.common.paging.Page;

/** Reads conversations as one member sees them: lists, one with its members, and the pieces events carry. */
@ApplicationScoped
public class ConversationViews {

    private final ConversationRepository conversations;
    private final MemberRepository members;
    private final MessageRepository messages;
    private final MentionRepository mentions;
    private final ConversationAccess access;
    private final ReceiptPrivacy privacy;

    public ConversationViews(ConversationRepository conversations, MemberRepository members,
            MessageRepository messages, MentionRepository mentions, ConversationAccess access,
            ReceiptPrivacy privacy) {
        this.conversations = conversations;
        this.members = members;
        this.messages = messages;
        this.mentions = mentions;
        this.access = access;
        this.privacy = privacy;
    }

    /** The caller's conversations, most recent activity first, each with unread counts and newest message. */
    public Uni<Page<ConversationView>> list(long userId, String cursor, int limit) {
        return conversations.listForUser(userId, Keyset.after(cursor), limit + 1)
                .chain(rows -> withLastMessages(userId, rows).map(views -> Page.of(views, limit,
                        Function.identity(), view -> Keyset.cursorAfter(view.lastActivityAt(), view.id()))));
    }

    /** One conversation with its members, for a member only. */
    public Uni<ConversationView> detail(long conversationId, long userId) {
        return access.seat(conversationId, userId)
                .chain(seat -> members.listOf(conversationId)
                        .chain(all -> privacy.asSeenBy(userId, all.stream().map(MemberView::of).toList()))
                        .chain(shown -> withLastMessages(userId,
                                List.of(new WithReadMark(seat.conversation(), seat.member().lastReadSeq)))
                                .map(views -> withMembers(views.get(0), shown))));
    }

    /** Views of conversations with the reader's read mark, in the rows' order. */
    public Uni<List<ConversationView>> withLastMessages(long reader, List<WithReadMark> rows) {
        List<Long> ids = rows.stream().map(row -> row.conversation().id).toList();
        return Uni.combine().all().unis(messages.latestOf(ids, reader), mentions.unread(reader, ids))
                .with((latest, unreadMentions) -> {
                    Map<Long, MessageView> byConversation = latest.stream()
                            .collect(Collectors.toMap(MessageView::conversationId, Function.identity()));
                    return rows.stream().map(row -> ConversationView.of(row.conversation(), row.lastReadSeq(),
                            unreadMentions.getOrDefault(row.conversation().id, 0L),
                            byConversation.get(row.conversation().id), null)).toList();
                });
    }

    private static ConversationView withMembers(ConversationView view, List<MemberView> members) {
        return new ConversationView(view.id(), view.type(), view.title(), view.createdBy(), view.createdAt(),
                view.lastSeq(), view.lastActivityAt(), view.unreadCount(), view.unreadMentionCount(),
                view.lastMessage(), members);
    }
}
