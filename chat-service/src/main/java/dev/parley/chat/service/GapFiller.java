package dev.parley.chat.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.chat.api.Event;
import dev.parley.chat.api.MessageView;
import dev.parley.chat.repository.StreamLogRepository;

/** Reads from the database the new messages that a replica has not seen yet, as events for its sockets. */
@ApplicationScoped
public class GapFiller {

    private final StreamLogRepository log;
    private final EventWire wire;

    public GapFiller(StreamLogRepository log, EventWire wire) {
        this.log = log;
        this.wire = wire;
    }

    /**
     * A conversation's messages after seq {@code after} and before {@code before}; with {@code after} negative (the
     * conversation is new to this replica) those logged by transactions from {@code sinceXid} on.
     */
    public Uni<List<Announcement>> between(long conversationId, long after, long before, long sinceXid) {
        Uni<List<MessageView>> messages = after < 0
                ? log.newMessages(conversationId, sinceXid, before)
                : log.messagesBetween(conversationId, after, before);
        return messages.chain(found -> found.isEmpty()
                ? Uni.createFrom().item(List.<Announcement>of())
                : log.members(List.of(conversationId)).map(members -> found.stream()
                        .map(message -> created(message, members.getOrDefault(conversationId, List.of())))
                        .toList()));
    }

    /** The event announcing a stored message to the given members. */
    Announcement created(MessageView message, List<Long> members) {
        Event event = new Event(Event.MESSAGE_CREATED, message.conversationId(), message.seq(), message);
        return new Announcement(null, 0, message.conversationId(), Event.MESSAGE_CREATED, message.seq(),
                wire.frame(event), members, System.currentTimeMillis());
    }
}
