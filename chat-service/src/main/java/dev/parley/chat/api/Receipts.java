package dev.parley.chat.api;

import java.util.List;

/** Answer of {@code GET /v1/conversations/{id}/receipts}: every member's marks, in the order they joined. */
public record Receipts(List<Receipt> items) {
}
