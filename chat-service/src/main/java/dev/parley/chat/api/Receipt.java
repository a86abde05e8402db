package dev.parley.chat.api;

/**
 * How far a member has read and received a conversation; the data of {@code receipt.updated}. Both are null when the
 * member, or the reader, keeps read receipts to themselves.
 */
public record Receipt(long userId, Long lastReadSeq, Long lastDeliveredSeq) {
}
