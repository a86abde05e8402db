package dev.parley.chat.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import dev.parley.chat.api.Event;
import dev.parley.chat.repository.MemberRepository;
import dev.parley.chat.repository.StreamLogRepository;
import dev.parley.chat.repository.StreamLogRepository.NewEvent;

/**
 * Publishes events of the current transaction: each is written to the stream log by the transaction itself, and
 * delivered once it commits (see {@link Announces}, which every publishing method carries). Nothing uncommitted is
 * ever announced, and no transaction that changes data sends a {@code NOTIFY}.
 */
@ApplicationScoped
public class EventPublisher {

    private final MemberRepository members;
    private final StreamLogRepository log;
    private final EventWire wire;

    public EventPublisher(MemberRepository members, StreamLogRepository log, EventWire wire) {
        this.members = members;
        this.log = log;
        this.wire = wire;
    }

    /** To every member of the event's conversation. */
    public Uni<Void> publish(Event event) {
        return publish(event, List.of());
    }

    /** To every member of the event's conversation and to {@code alsoTo} (e.g. a member who just left). */
    public Uni<Void> publish(Event event, Collection<Long> alsoTo) {
        return members.userIds(event.conversationId()).chain(ids -> {
            Set<Long> recipients = new LinkedHashSet<>(ids);
            recipients.addAll(alsoTo);
            return publishTo(event, recipients);
        });
    }

    /**
     * To the given users, from a transaction of the reactive client (see {@link LoggedTransactions}): answers the
     * event to announce once it has committed.
     */
    public Uni<Announcement> publishTo(SqlConnection tx, Event event, Collection<Long> recipients) {
        String frame = wire.frame(event);
        List<Long> to = new ArrayList<>(recipients);
        return log.append(tx, new NewEvent(event.conversationId(), event.seq(), event.type(), frame, to))
                .map(position -> new Announcement(position.id(), position.xid(), event.conversationId(),
                        event.type(), event.seq(), frame, to, System.currentTimeMillis()));
    }

    /** To every member of the event's conversation, from a transaction of the reactive client. */
    public Uni<Announcement> publish(SqlConnection tx, Event event) {
        return log.members(tx, event.conversationId()).chain(ids -> publishTo(tx, event, ids));
    }

    /** To the given users. */
    public Uni<Void> publishTo(Event event, Collection<Long> recipients) {
        String frame = wire.frame(event);
        List<Long> to = new ArrayList<>(recipients);
        return log.append(new NewEvent(event.conversationId(), event.seq(), event.type(), frame, to))
                .invoke(position -> PendingAnnouncements.add(new Announcement(position.id(), position.xid(),
                        event.conversationId(), event.type(), event.seq(), frame, to, System.currentTimeMillis())))
                .replaceWithVoid();
    }
}
