package dev.parley.chat.api;

/** Data of a {@code read.updated} event: how far a member has read. */
public record ReadState(long userId, long lastReadSeq) {
}
