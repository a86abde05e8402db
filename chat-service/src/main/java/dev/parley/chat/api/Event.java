package dev.parley.chat.api;

/**
 * A real-time event as sent over {@code /v1/stream}. {@code conversationId} is null for an event about no
 * conversation ({@value #PRESENCE_UPDATED}).
 */
public record Event(String type, Long conversationId, Long seq, Object data) {

    public static final String MESSAGE_CREATED = "message.created";
    public static final String MESSAGE_UPDATED = "message.updated";
    public static final String MESSAGE_DELETED = "message.deleted";
    public static final String CONVERSATION_CREATED = "conversation.created";
    public static final String CONVERSATION_UPDATED = "conversation.updated";
    public static final String MEMBER_ADDED = "member.added";
    public static final String MEMBER_REMOVED = "member.removed";
    public static final String MEMBER_UPDATED = "member.updated";
    public static final String READ_UPDATED = "read.updated";
    public static final String PRESENCE_UPDATED = "presence.updated";
    public static final String REACTION_ADDED = "reaction.added";
    public static final String REACTION_REMOVED = "reaction.removed";
    public static final String PIN_ADDED = "pin.added";
    public static final String PIN_REMOVED = "pin.removed";
    public static final String RECEIPT_UPDATED = "receipt.updated";
}
