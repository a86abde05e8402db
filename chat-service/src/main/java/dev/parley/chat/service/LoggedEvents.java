package dev.parley.chat.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.chat.api.Event;
import dev.parley.chat.api.MessageView;
import dev.parley.chat.repository.MessageRepository;
import dev.parley.chat.repository.StreamLogRepository;
import dev.parley.chat.repository.StreamLogRepository.Logged;

/** Turns events read back from the stream log into events for sockets: new messages and members are read in bulk. */
@ApplicationScoped
public class LoggedEvents {

    private final StreamLogRepository log;
    private final MessageRepository messages;
    private final EventWire wire;

    public LoggedEvents(StreamLogRepository log, MessageRepository messages, EventWire wire) {
        this.log = log;
        this.messages = messages;
        this.wire = wire;
    }

    /** The events, in the order given; a new message no longer stored is left out. */
    public Uni<List<Announcement>> resolve(List<Logged> logged) {
        if (logged.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Long> messageIds = logged.stream().filter(e -> e.messageId() != null).map(Logged::messageId).toList();
        List<Long> conversations = logged.stream().filter(e -> e.recipients() == null).map(Logged::conversationId)
                .distinct().toList();
        Uni<Map<Long, MessageView>> stored = messageIds.isEmpty()
                ? Uni.createFrom().item(Map.of())
                : messages.shared(messageIds).map(found -> found.stream()
                        .collect(Collectors.toMap(MessageView::id, Function.identity())));
        Uni<Map<Long, List<Long>>> members = conversations.isEmpty()
                ? Uni.createFrom().item(Map.of())
                : log.members(conversations);
        return Uni.combine().all().unis(stored, members).with((byId, byConversation) -> {
            long now = System.currentTimeMillis();
            List<Announcement> events = new ArrayList<>(logged.size());
            for (Logged event : logged) {
                String frame = event.frame();
                if (event.messageId() != null) {
                    MessageView message = byId.get(event.messageId());
                    if (message == null) {
                        continue;
                    }
                    frame = wire.frame(new Event(event.type(), event.conversationId(), event.seq(), message));
                }
                List<Long> to = event.recipients() != null
                        ? event.recipients()
                        : byConversation.getOrDefault(event.conversationId(), List.of());
                events.add(new Announcement(event.id(), event.xid(), event.conversationId(), event.type(),
                        event.seq(), frame, to, now));
            }
            return events;
        });
    }
}
