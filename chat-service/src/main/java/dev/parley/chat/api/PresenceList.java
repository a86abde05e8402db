package dev.parley.chat.api;

import java.util.List;

/** The answer to {@code GET /v1/presence}: one item per id asked, in order; null for anyone but a friend. */
public record PresenceList(List<PresenceView> items) {
}
