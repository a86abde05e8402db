package dev.parley.chat.api;

import java.util.List;

/**
 * A conversation that changed since a sync cursor, with its changed messages in seq order and the members whose read
 * or delivery marks moved. When {@code messages_truncated} is true, the rest follows with
 * {@code GET .../messages?after_seq=}.
 */
public record SyncedConversation(ConversationView conversation, List<MessageView> messages,
        boolean messagesTruncated, List<Receipt> receipts) {
}
