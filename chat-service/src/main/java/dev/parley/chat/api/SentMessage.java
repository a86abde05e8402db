package dev.parley.chat.api;

/** A send's outcome: the stored message, and whether this request created it (201) or found it (200). */
public record SentMessage(MessageView message, boolean created) {
}
