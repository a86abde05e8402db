package dev.parley.chat.api;

/** The data of {@code reaction.added} and {@code reaction.removed}. */
public record ReactionChange(long messageId, String emoji, long userId) {
}
