package dev.parley.account.api;

import java.time.Instant;
import java.util.List;

/**
 * The shapes of the parts friendship-service and chat-service contribute to a data export, for the API document;
 * account-service passes those parts on as they come.
 */
public final class ExportedParts {

    private ExportedParts() {
    }

    /** friendship-service's part. */
    public record FriendshipPart(List<Friend> friends, List<Request> requestsSent, List<Request> requestsReceived,
            List<Blocked> blocked) {
    }

    /** A friend and since when. */
    public record Friend(long userId, Instant since) {
    }

    /** A pending friend request, sent to or received from the user. */
    public record Request(long userId, Instant createdAt) {
    }

    /** A user the exporting user blocks. */
    public record Blocked(long userId, Instant createdAt) {
    }

    /** chat-service's part. */
    public record ChatPart(List<Conversation> conversations, List<Message> messages, List<Reaction> reactions,
            List<Pin> pins, List<Device> devices, NotificationSettings notificationSettings,
            List<ConversationNotifications> conversationNotifications) {
    }

    /** A conversation the user is in, with their role in it. */
    public record Conversation(long id, String kind, String title, String role, Instant joinedAt) {
    }

    /** A message the user wrote; a deleted one has no body. */
    public record Message(long id, long conversationId, long seq, String body, Long replyTo, List<Long> mentions,
            Instant createdAt, Instant editedAt, boolean deleted) {
    }

    /** A reaction of the user's to a message. */
    public record Reaction(long messageId, String emoji, Instant createdAt) {
    }

    /** A message the user pinned. */
    public record Pin(long messageId, long conversationId, Instant pinnedAt) {
    }

    /** A device the user receives pushes on; its token is not exported. */
    public record Device(String deviceId, String platform, String appId, String locale, Instant createdAt,
            Instant lastUsedAt) {
    }

    /** The user's push settings, when they ever changed them. */
    public record NotificationSettings(boolean previews, Instant quietUntil) {
    }

    /** The user's push level in a conversation, when they chose one. */
    public record ConversationNotifications(long conversationId, String level, Instant mutedUntil) {
    }
}
