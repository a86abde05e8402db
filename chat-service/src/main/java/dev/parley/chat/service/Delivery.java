package dev.parley.chat.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.parley.chat.api.Event;

/**
 * Writes committed events to this replica's sockets, each exactly once, and a conversation's new messages in seq
 * order without gaps, whichever way they arrive: from this replica right after its commit, from another replica's
 * notification, or from the stream log's reconciliation.
 * <ul>
 * <li>A logged event is written once: its log id is remembered until reconciliation has read past its transaction;
 * an event of an older transaction was handed over by reconciliation already.</li>
 * <li>A new message whose seq is not the next one of its conversation here waits while the messages between are read
 * from the database: they committed before it, since seqs are taken under the conversation's lock.</li>
 * </ul>
 */
@ApplicationScoped
public class Delivery {

    private static final Logger LOG = Logger.getLogger(Delivery.class);
    private static final long UNKNOWN = -1;

    private final Connections connections;
    private final GapFiller filler;
    private final Map<Long, Long> delivered = new ConcurrentHashMap<>();
    private final Map<Long, Line> lines = new ConcurrentHashMap<>();
    private final Timer latency;
    private final Counter filled;
    private volatile long settledXid;

    public Delivery(Connections connections, GapFiller filler, MeterRegistry registry) {
        this.connections = connections;
        this.filler = filler;
        this.latency = Timer.builder("parley.delivery.latency")
                .description("From the commit to the event written to a socket")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.filled = Counter.builder("parley.stream.gaps.filled")
                .description("Messages read from the database to close a gap in a conversation's seqs")
                .register(registry);
    }

    /** A conversation's new messages as delivered here: the last seq, and those waiting for a gap to close. */
    private static final class Line {

        long last = UNKNOWN;
        boolean filling;
        long touchedAt;
        final TreeMap<Long, Announcement> held = new TreeMap<>();
    }

    /** Hands an event over for delivery; returns at once. */
    public void deliver(Announcement event) {
        if (event.logged() && (event.xid() < settledXid || delivered.putIfAbsent(event.logId(), event.xid()) != null)) {
            return;
        }
        if (!isNewMessage(event)) {
            write(event);
            return;
        }
        Line line = lines.computeIfAbsent(event.conversationId(), id -> new Line());
        long after;
        synchronized (line) {
            line.touchedAt = System.currentTimeMillis();
            if (line.filling) {
                line.held.put(event.seq(), event);
                return;
            }
            if (line.last != UNKNOWN && event.seq() <= line.last) {
                return;
            }
            boolean next = line.last != UNKNOWN && event.seq() == line.last + 1;
            if (next || !listening(event)) {
                write(event);
                line.last = event.seq();
                return;
            }
            line.filling = true;
            line.held.put(event.seq(), event);
            after = line.last;
        }
        fill(line, event.conversationId(), after, event.seq());
    }

    /** Whether reconciliation still needs to hand this logged event over; {@code newMessage} with its seq. */
    public boolean awaited(long logId, long xid, long conversationId, Long newMessage) {
        if (xid < settledXid || delivered.containsKey(logId)) {
            return false;
        }
        Line line = newMessage == null ? null : lines.get(conversationId);
        if (line == null) {
            return true;
        }
        synchronized (line) {
            return line.last == UNKNOWN || newMessage > line.last;
        }
    }

    /**
     * Reconciliation has handed over every event of transactions older than {@code xid}, and reads no event up to
     * {@code floorId} again: forgets them, and conversations idle since {@code idleBefore}.
     */
    public void settle(long xid, long floorId, long idleBefore) {
        settledXid = Math.max(settledXid, xid);
        delivered.entrySet().removeIf(e -> e.getValue() < settledXid || e.getKey() <= floorId);
        lines.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return !e.getValue().filling && e.getValue().touchedAt < idleBefore;
            }
        });
    }

    /** The transaction from which on events may still arrive here for the first time. */
    public long settledXid() {
        return settledXid;
    }

    private void fill(Line line, long conversationId, long after, long before) {
        filler.between(conversationId, after, before, settledXid).subscribe().with(
                found -> closed(line, conversationId, found),
                failure -> {
                    LOG.warnf("Cannot read the messages before seq %d of conversation %d: %s", before,
                            conversationId, failure.getMessage());
                    closed(line, conversationId, List.of());
                });
    }

    // Writes what was read and what was held, in seq order. A gap that remains behind a held message is read too;
    // when a read found nothing (it failed, or the messages are gone), the held messages are written as they are.
    private void closed(Line line, long conversationId, List<Announcement> found) {
        filled.increment(found.size());
        long after;
        long before;
        synchronized (line) {
            List<Announcement> ordered = new ArrayList<>(found);
            ordered.addAll(line.held.values());
            line.held.clear();
            ordered.sort((a, b) -> Long.compare(a.seq(), b.seq()));
            int i = 0;
            for (; i < ordered.size(); i++) {
                Announcement event = ordered.get(i);
                if (line.last != UNKNOWN && event.seq() <= line.last) {
                    continue;
                }
                if (!found.isEmpty() && line.last != UNKNOWN && event.seq() > line.last + 1) {
                    break;
                }
                write(event);
                line.last = event.seq();
            }
            if (i == ordered.size()) {
                line.filling = false;
                return;
            }
            ordered.subList(i, ordered.size()).forEach(event -> line.held.put(event.seq(), event));
            after = line.last;
            before = line.held.firstKey();
        }
        fill(line, conversationId, after, before);
    }

    private boolean listening(Announcement event) {
        return event.recipients().stream().anyMatch(connections::hasAny);
    }

    private void write(Announcement event) {
        for (Long userId : event.recipients()) {
            if (connections.send(userId, event.frame()) > 0 && event.logged()) {
                latency.record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - event.announcedAt())));
            }
        }
    }

    private static boolean isNewMessage(Announcement event) {
        return Event.MESSAGE_CREATED.equals(event.type()) && event.seq() != null;
    }
}
