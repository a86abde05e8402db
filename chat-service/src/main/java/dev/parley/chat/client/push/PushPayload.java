package dev.parley.chat.client.push;

/**
 * What one push says. Its {@code id} is stable: a push sent again after a failure or a crash carries the same id, so
 * the app (and APNs, as {@code apns-id}) sees one notification. A {@code silent} push only sets the badge and has no
 * message; {@code title} and {@code body} are null when the user turned previews off.
 *
 * @param collapseKey pushes with the same key replace each other on the device (one per conversation)
 * @param badge the user's total unread count
 */
public record PushPayload(String id, String collapseKey, boolean silent, int badge, Long conversationId,
        Long messageId, Long seq, Long senderId, String title, String body) {
}
