package dev.parley.chat.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.chat.api.NewMessage;
import dev.parley.chat.api.SentMessage;

/**
 * Sending messages. The rules that need no database are checked first; the message is then stored with the next
 * batch ({@link SendBatches}), which for a direct conversation also checks that the two may still write to each
 * other, and where it takes its conversation's next seq under the conversation's row lock, so seqs
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
                    if (!known.isDirect()) {
                        return batches.send(caller, conversationId, body, clientId, null);
                    }
                    return direct(caller, conversationId, body, clientId, known.peerOf(caller));
                })
                .onItem().ifNull().failWith(() -> Rules.conversationNotFound(conversationId));
    }

    // While chat's copy of the relationships is current, the batch checks the peer in the statement that stores the
    // message; anything it does not allow, or a copy that may be behind, goes through the full check first.
    private Uni<SentMessage> direct(long caller, long conversationId, String body, String clientId, long peer) {
        Uni<SentMessage> checkedFirst = Uni.createFrom().deferred(() -> relationships
                .requireMayWrite(conversationId, caller, peer)
                .chain(() -> batches.send(caller, conversationId, body, clientId, null)));
        if (!relationships.copyIsCurrent()) {
            return checkedFirst;
        }
        return batches.send(caller, conversationId, body, clientId, peer)
                .onFailure(PeerUnconfirmed.class).recoverWithUni(() -> checkedFirst);
    }
}
