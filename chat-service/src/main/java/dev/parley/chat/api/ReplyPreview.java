package dev.parley.chat.api;

/**
 * The message a reply quotes: enough to draw the quote without loading it. {@code snippet} is its first 200
 * characters, empty once it is deleted.
 */
public record ReplyPreview(long id, long seq, long senderId, String snippet, boolean deleted) {
}
