package dev.parley.chat.service;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.chat.api.Event;
import dev.parley.chat.config.ChatConfig;
import dev.parley.chat.repository.ConversationRepository;
import dev.parley.chat.repository.MemberRepository;

/**
 * Announces events to every replica through PostgreSQL {@code NOTIFY}, in the {@link EventWire} format, from inside
 * the transaction that makes the change: the announcement leaves only if the change commits, and announcements leave
 * in commit order.
 */
@ApplicationScoped
public class EventPublisher {

    private final ConversationRepository conversations;
    private final MemberRepository members;
    private final EventWire wire;
    private final String channel;

    public EventPublisher(ConversationRepository conversations, MemberRepository members, EventWire wire,
            ChatConfig config) {
        this.conversations = conversations;
        this.members = members;
        this.wire = wire;
        this.channel = config.stream().channel();
    }

    /** To every member of the event's conversation, when the current transaction commits. */
    public Uni<Void> publish(Event event) {
        return publish(event, List.of());
    }

    /** To every member of the event's conversation and to {@code alsoTo} (e.g. a member who just left). */
    public Uni<Void> publish(Event event, Collection<Long> alsoTo) {
        return members.userIds(event.conversationId()).chain(ids -> {
            Set<Long> recipients = new LinkedHashSet<>(ids);
            recipients.addAll(alsoTo);
            return send(wire.payload(event, recipients, null, System.currentTimeMillis()));
        });
    }

    /** A change to a stored message, to the conversation's members, when the current transaction commits. */
    public Uni<Void> publishMessage(Event event, long messageId) {
        return members.userIds(event.conversationId()).chain(ids -> publishMessage(event, ids, messageId));
    }

    /** A message event to the given members, when the current transaction commits. */
    public Uni<Void> publishMessage(Event event, Collection<Long> recipients, long messageId) {
        return send(wire.payload(event, recipients, messageId, System.currentTimeMillis()));
    }

    private Uni<Void> send(String payload) {
        return conversations.notify(channel, payload);
    }
}
