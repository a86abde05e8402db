package dev.parley.chat.api;

/**
 * How many users reacted to a message with one emoji, and whether the reader is one of them. {@code me} is null in
 * stream events, which every member receives alike: clients keep their own from {@code reaction.added} and
 * {@code reaction.removed}.
 */
public record ReactionCount(String emoji, long count, Boolean me) {
}
