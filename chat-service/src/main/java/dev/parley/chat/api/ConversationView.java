package dev.parley.chat.api;

import java.time.Instant;
import java.util.List;

import dev.parley.chat.Conversation;

/**
 * A conversation as one member sees it: their unread count and the newest message. {@code members} is filled when
 * one conversation is asked for, and null in lists.
 */
public record ConversationView(long id, String type, String title, long createdBy, Instant createdAt, long lastSeq,
        Instant lastActivityAt, long unreadCount, long unreadMentionCount, MessageView lastMessage,
        List<MemberView> members) {

    public static ConversationView of(Conversation conversation, long lastReadSeq, long unreadMentionCount,
            MessageView lastMessage, List<MemberView> members) {
        return new ConversationView(conversation.id, conversation.kind, conversation.title, conversation.createdBy,
                conversation.createdAt, conversation.lastSeq, conversation.lastActivityAt,
                Math.max(0, conversation.lastSeq - lastReadSeq), unreadMentionCount, lastMessage, members);
    }
}
