package dev.parley.chat.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

import dev.parley.chat.api.MessageView;
import dev.parley.chat.config.ChatConfig;
import dev.parley.chat.repository.MemberRepository;
import dev.parley.chat.repository.MessageRepository;

/**
 * Listens on the PostgreSQL event channel and hands every committed event to the recipients' sockets on this
 * replica. Each replica listens, so a user is reached whichever replica they are connected to. Reconnects by itself
 * after a database restart; events announced while it was away are recovered by clients with {@code after_seq} or
 * {@code /v1/sync}.
 */
@ApplicationScoped
public class EventRelay {

    private static final Logger LOG = Logger.getLogger(EventRelay.class);

    private final Vertx vertx;
    private final Connections connections;
    private final EventWire wire;
    private final MessageRepository messages;
    private final MemberRepository members;
    private final ChatConfig config;
    private final Timer latency;
    private final PgConnectOptions options;
    private PgSubscriber subscriber;

    public EventRelay(Vertx vertx, Connections connections, EventWire wire, MessageRepository messages,
            MemberRepository members, ChatConfig config, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.vertx = vertx;
        this.connections = connections;
        this.wire = wire;
        this.messages = messages;
        this.members = members;
        this.config = config;
        this.latency = Timer.builder("parley.delivery.latency")
                .description("From the storing transaction to the event written to a socket")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""))
                .setUser(username).setPassword(password);
    }

    void start(@Observes StartupEvent startup) {
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempts -> 1000L);
        subscriber.channel(config.stream().channel()).handler(this::onNotification);
        subscriber.connect().subscribe().with(
                connected -> LOG.infof("Listening for events on %s", config.stream().channel()),
                failure -> LOG.errorf("Cannot listen for events: %s", failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    void onNotification(String payload) {
        Announcement announcement;
        try {
            announcement = wire.read(payload);
        } catch (IllegalArgumentException e) {
            LOG.warnf("Dropped malformed event: %s", e.getMessage());
            return;
        }
        if (announcement.complete()) {
            deliver(announcement);
        } else {
            // Too large to travel whole: load the message and its recipients, off the event loop.
            vertx.executeBlocking(Uni.createFrom().item(() -> completed(announcement)))
                    .subscribe().with(this::deliver, e -> LOG.warn("Cannot complete event", e));
        }
    }

    private Announcement completed(Announcement reference) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> complete(reference));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private Uni<Announcement> complete(Announcement reference) {
        return messages.findById(reference.messageId())
                .chain(message -> members.userIds(reference.conversationId())
                        .map(ids -> wire.completed(reference, message == null ? null : MessageView.of(message),
                                ids)));
    }

    private void deliver(Announcement announcement) {
        if (announcement.recipients().stream().noneMatch(connections::hasAny)) {
            return;
        }
        String text = wire.frame(announcement);
        for (Long userId : announcement.recipients()) {
            if (connections.send(userId, text) > 0) {
                latency.record(Duration.ofMillis(Math.max(0, System.currentTimeMillis()
                        - announcement.announcedAt())));
            }
        }
    }
}
