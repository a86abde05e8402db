package dev.parley.chat.api;

import java.util.List;

/** Body of {@code POST /v1/conversations}: {@code {"type":"direct","user_id"}} or {@code {"type":"group",...}}. */
public record NewConversation(String type, Long userId, String title, List<Long> memberIds) {
}
