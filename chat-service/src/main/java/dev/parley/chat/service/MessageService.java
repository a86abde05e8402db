package dev.parley.chat.service;

import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.chat.api.NewMessage;
import dev.parley.chat.api.SentMessage;
import dev.parley.chat.repository.MessageRepository;
import dev.parley.common.error.ApiException;

/**
 * Sending messages. The rules that need no database are checked first, then what a reply or mentions refer to; the
 * message is then stored with the next batch ({@link SendBatches}), which for a direct conversation also checks that
 * the two may still write to each other, and where it takes its conversation's next seq under the conversation's row
 * lock, so seqs are gap-free and strictly increasing, and where a resend with the same {@code client_message_id}
 * finds the stored message instead of adding a second one.
 */
@ApplicationScoped
public class MessageService {

    private final ConversationFacts facts;
    private final Relationships relationships;
    private final SendAllowance allowance;
    private final SendBatches batches;
    private final MessageRepository messages;

    public MessageService(ConversationFacts facts, Relationships relationships, SendAllowance allowance,
            SendBatches batches, MessageRepository messages) {
        this.facts = facts;
        this.relationships = relationships;
        this.allowance = allowance;
        this.batches = batches;
        this.messages = messages;
    }

    public Uni<SentMessage> send(long caller, long conversationId, NewMessage request) {
        NewMessage message = request == null ? new NewMessage(null, null, null, null, null) : request;
        List<Long> attachments = Rules.attachments(message.attachmentIds());
        OutgoingMessage outgoing = new OutgoingMessage(conversationId,
                attachments.isEmpty() ? Rules.body(message.body()) : Rules.caption(message.body()),
                Rules.clientMessageId(message.clientMessageId()), message.replyTo(),
                Rules.mentions(message.mentions()), attachments);
        allowance.spend(caller);
        return facts.of(conversationId)
                .chain(known -> {
                    if (known == null || (known.isDirect() && !known.directMember(caller))) {
                        return Uni.createFrom().failure(Rules.conversationNotFound(conversationId));
                    }
                    Uni<SentMessage> stored = Uni.createFrom().deferred(() -> known.isDirect()
                            ? direct(caller, outgoing, known.peerOf(caller))
                            : batches.send(caller, outgoing, null));
                    return referencesChecked(caller, outgoing).chain(() -> stored);
                })
                .onItem().ifNull().failWith(() -> Rules.conversationNotFound(conversationId));
    }

    // Plain messages go straight to the batch; a reply, mentions or attachments are checked against the database first, after
    // the sender's membership, so that an outsider learns nothing about the conversation.
    private Uni<Void> referencesChecked(long caller, OutgoingMessage message) {
        if (message.replyTo() == null && message.mentions().isEmpty() && message.attachments().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return messages.references(message.conversationId(), caller, message.clientId(), message.replyTo(),
                message.mentions(), message.attachments())
                .invoke(found -> {
                    if (!found.senderIsMember()) {
                        throw Rules.conversationNotFound(message.conversationId());
                    }
                    if (found.alreadyStored()) {
                        // A resend: its references were checked when it was stored (its uploads are attached by now),
                        // and the batch answers with the stored message.
                        return;
                    }
                    if (message.replyTo() != null
                            && !Objects.equals(found.replyConversationId(), message.conversationId())) {
                        throw Rules.notInConversation(message.replyTo());
                    }
                    if (!found.nonMembers().isEmpty()) {
                        throw Rules.notAMember(found.nonMembers().get(0));
                    }
                    if (found.attachable() != message.attachments().size()) {
                        throw ApiException.badRequest(Rules.NOT_ATTACHABLE);
                    }
                })
                .replaceWithVoid();
    }

    // While chat's copy of the relationships is current, the batch checks the peer in the statement that stores the
    // message; anything it does not allow, or a copy that may be behind, goes through the full check first.
    private Uni<SentMessage> direct(long caller, OutgoingMessage message, long peer) {
        Uni<SentMessage> checkedFirst = Uni.createFrom().deferred(() -> relationships
                .requireMayWrite(message.conversationId(), caller, peer)
                .chain(() -> batches.send(caller, message, null)));
        if (!relationships.copyIsCurrent()) {
            return checkedFirst;
        }
        return batches.send(caller, message, peer)
                .onFailure(PeerUnconfirmed.class).recoverWithUni(() -> checkedFirst);
    }
}
