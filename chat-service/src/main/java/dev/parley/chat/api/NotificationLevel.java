package dev.parley.chat.api;

import java.time.Instant;

/**
 * What pushes a member gets from one conversation: {@code all}, {@code mentions} or {@code none}, and none at all
 * before {@code muted_until}. Body of {@code PUT /v1/conversations/{id}/notifications} and its answer.
 */
public record NotificationLevel(String level, Instant mutedUntil) {
}
