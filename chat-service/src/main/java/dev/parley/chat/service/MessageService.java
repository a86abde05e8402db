package dev.parley.chat.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.chat.api.NewMessage;
import dev.parley.chat.api.SentMessage;

/**
 * Sending messages. The rules that need no database are checked first; the message is then stored with the next
 * batch ({@link SendBatches}), where it takes its conversation's next seq under the conversation's row lock, so seqs
 * are gap-free and strictly increasing, and where a resend with the same {@code client_message_id} finds the stored
 * message instead of adding a second one.
 */
@ApplicationScoped
public class MessageService {

    private final ConversationFacts facts;
    private final Relationships relationships;
    private final SendAllowance allowance;
    private final SendBatches batches;

    public MessageService(ConversationFacts facts, Relationships relationships, SendAllowance allowance,
            SendBatches batches) {
        this.facts = facts;
        this.relationships = relationships;
        this.allowance = allowance;
        this.batches = batches;
    }

    public Uni<SentMessage> send(long caller, long conversationId, NewMessage request) {
        NewMessage message = request == null ? new NewMessage(null, null) : request;
        String body = Rules.body(message.body());
        String clientId = Rules.clientMessageId(message.clientMessageId());
        allowance.spend(caller);
        return facts.of(conversationId)
                .chain(known -> {
                    if (known == null || (known.isDirect() && !known.directMember(caller))) {
                        return Uni.createFrom().failure(Rules.conversationNotFound(conversationId));
                    }
                    return known.isDirect()
                            ? relationships.requireMayWrite(conversationId, caller, known.peerOf(caller))
                            : Uni.createFrom().voidItem();
                })
                .chain(() -> batches.send(caller, conversationId, body, clientId))
                .onItem().ifNull().failWith(() -> Rules.conversationNotFound(conversationId));
    }
}
