package dev.parley.chat.api;

/** A conversation a create request led to, and whether it was new (201) or already there (200). */
public record Opened(ConversationView conversation, boolean created) {
}
