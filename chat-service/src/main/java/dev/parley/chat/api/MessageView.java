package dev.parley.chat.api;

import java.time.Instant;
import java.util.List;

/**
 * A message as clients see it; a deleted one keeps its place but loses its body, reply, mentions, reactions and
 * attachments.
 *
 * @param replyTo the message this one replies to, as a quote can be drawn from; null for none
 * @param mentions the users the message mentions
 * @param reactions each emoji's count, in the order the emoji were first used
 * @param pinned whether the message is pinned in its conversation
 * @param attachments the files attached, in the order the sender gave them
 */
public record MessageView(long id, long conversationId, long seq, long senderId, String body,
        String clientMessageId, Instant createdAt, Instant editedAt, boolean deleted, ReplyPreview replyTo,
        List<Long> mentions, List<ReactionCount> reactions, boolean pinned, List<AttachmentView> attachments) {

    public MessageView {
        mentions = List.copyOf(mentions);
        reactions = List.copyOf(reactions);
        attachments = List.copyOf(attachments);
    }

    /** The message as every member receives it alike, in an event: without the reader's own reactions. */
    public MessageView shared() {
        return new MessageView(id, conversationId, seq, senderId, body, clientMessageId, createdAt, editedAt,
                deleted, replyTo, mentions,
                reactions.stream().map(r -> new ReactionCount(r.emoji(), r.count(), null)).toList(), pinned,
                attachments);
    }
}
