package dev.parley.chat.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.parley.chat.Message;
import dev.parley.chat.api.Event;
import dev.parley.chat.api.MessageView;
import dev.parley.chat.api.NewMessage;
import dev.parley.chat.api.SentMessage;
import dev.parley.chat.repository.MessageRepository;
import dev.parley.common.persistence.UniqueViolation;
import dev.parley.common.time.Timestamps;

/**
 * Sending messages. Each message takes the conversation's next seq in the statement that stores it, under the
 * conversation's row lock, so seqs are gap-free and strictly increasing; a resend with the same
 * {@code client_message_id} finds the stored message instead of adding a second one.
 */
@ApplicationScoped
public class MessageService {

    private final MessageRepository messages;
    private final ConversationFacts facts;
    private final Relationships relationships;
    private final EventPublisher events;
    private final SendAllowance allowance;
    private final Counter sent;

    public MessageService(MessageRepository messages, ConversationFacts facts, Relationships relationships,
            EventPublisher events, SendAllowance allowance, MeterRegistry registry) {
        this.messages = messages;
        this.facts = facts;
        this.relationships = relationships;
        this.events = events;
        this.allowance = allowance;
        this.sent = Counter.builder("parley.messages.sent").description("Messages stored").register(registry);
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
                .chain(() -> store(caller, conversationId, body, clientId))
                .invoke(() -> sent.increment())
                // A resend of a stored client_message_id loses on the unique index (its seq rolls back with it)
                // and answers with the stored message instead.
                .onFailure(e -> clientId != null && UniqueViolation.of(e, Message.CLIENT_ID_KEY))
                .recoverWithUni(() -> existing(conversationId, caller, clientId));
    }

    // The announcement shares the storing transaction: it leaves only if the message commits, and notifications
    // leave in commit order, which the conversation's row lock makes seq order.
    @WithTransaction
    Uni<SentMessage> store(long caller, long conversationId, String body, String clientId) {
        Instant now = Timestamps.now();
        return messages.store(conversationId, caller, body, clientId, now).chain(placed -> {
            if (placed == null) {
                return Uni.createFrom().failure(Rules.conversationNotFound(conversationId));
            }
            MessageView view = new MessageView(placed.id(), conversationId, placed.seq(), caller, body, clientId,
                    now, null, false);
            return events.publishMessage(new Event(Event.MESSAGE_CREATED, conversationId, placed.seq(), view),
                    placed.members(), placed.id()).replaceWith(new SentMessage(view, true));
        });
    }

    @WithTransaction
    Uni<SentMessage> existing(long conversationId, long caller, String clientId) {
        return messages.findByClientId(conversationId, caller, clientId).chain(found -> found == null
                ? Uni.createFrom().failure(Rules.conversationNotFound(conversationId))
                : Uni.createFrom().item(new SentMessage(MessageView.of(found), false)));
    }
}
