package dev.parley.chat.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.parley.chat.config.ChatConfig;
import dev.parley.chat.repository.StreamLogRepository;

/**
 * Fan-out after commit: committed events go to this replica's sockets at once, and to the other replicas in
 * coalesced notifications. One notification is in flight at a time; what is committed meanwhile goes together in the
 * next, so a burst of sends costs a few notifications, each in a transaction that writes nothing else. A notification
 * that is lost (this replica dies, the database restarts) is made up for by {@link Reconciliation}.
 */
@ApplicationScoped
public class Fanout {

    private static final Logger LOG = Logger.getLogger(Fanout.class);

    private final Delivery delivery;
    private final StreamLogRepository log;
    private final EventWire wire;
    private final String channel;
    private final String origin = UUID.randomUUID().toString();
    private final Queue<Announcement> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final Counter notifications;

    public Fanout(Delivery delivery, StreamLogRepository log, EventWire wire, ChatConfig config,
            MeterRegistry registry) {
        this.delivery = delivery;
        this.log = log;
        this.wire = wire;
        this.channel = config.stream().channel();
        this.notifications = Counter.builder("parley.stream.notifications")
                .description("Notifications sent to the other replicas, each carrying one or more events")
                .register(registry);
    }

    /** This replica, as named in its notifications. */
    public String origin() {
        return origin;
    }

    /** Events whose transaction committed (or that are never stored, such as typing): delivered and announced. */
    public void committed(List<Announcement> events) {
        if (events.isEmpty()) {
            return;
        }
        events.forEach(delivery::deliver);
        waiting.addAll(events);
        send();
    }

    private void send() {
        if (waiting.isEmpty() || !sending.compareAndSet(false, true)) {
            return;
        }
        List<Announcement> batch = new ArrayList<>();
        for (Announcement next = waiting.poll(); next != null; next = waiting.poll()) {
            batch.add(next);
        }
        List<String> payloads = wire.notifications(origin, batch);
        notifications.increment(payloads.size());
        log.notify(channel, payloads).subscribe().with(sent -> sent(), failure -> {
            LOG.warnf("Cannot notify the other replicas of %d events: %s", batch.size(), failure.getMessage());
            sent();
        });
    }

    private void sent() {
        sending.set(false);
        send();
    }
}
