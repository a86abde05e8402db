package dev.parley.chat.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

import dev.parley.chat.config.ChatConfig;
import dev.parley.chat.repository.StreamLogRepository;

/**
 * Listens on the PostgreSQL channel for the other replicas' notifications and hands their events to this replica's
 * sockets. Reconnects by itself after a database restart; what was announced meanwhile is delivered by
 * {@link Reconciliation}.
 */
@ApplicationScoped
public class EventRelay {

    private static final Logger LOG = Logger.getLogger(EventRelay.class);

    private final Vertx vertx;
    private final Fanout fanout;
    private final Delivery delivery;
    private final TypingGate typing;
    private final EventWire wire;
    private final StreamLogRepository log;
    private final LoggedEvents logged;
    private final ChatConfig config;
    private final PgConnectOptions options;
    private PgSubscriber subscriber;

    public EventRelay(Vertx vertx, Fanout fanout, Delivery delivery, TypingGate typing, EventWire wire,
            StreamLogRepository log, LoggedEvents logged, ChatConfig config,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.vertx = vertx;
        this.fanout = fanout;
        this.delivery = delivery;
        this.typing = typing;
        this.wire = wire;
        this.log = log;
        this.logged = logged;
        this.config = config;
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
        if (wire.isFrom(payload, fanout.origin())) {
            return;
        }
        EventWire.Notification notification;
        try {
            notification = wire.read(payload);
        } catch (IllegalArgumentException e) {
            LOG.warnf("Dropped a malformed notification: %s", e.getMessage());
            return;
        }
        for (Announcement event : notification.events()) {
            // Typing is limited on every replica; presence was limited where it was decided.
            if (event.logged() || !TypingNotices.TYPE.equals(event.type()) || typing.pass(event)) {
                delivery.deliver(event);
            }
        }
        if (!notification.references().isEmpty()) {
            log.byIds(notification.references()).chain(logged::resolve).subscribe().with(
                    events -> events.forEach(delivery::deliver),
                    failure -> LOG.warnf("Cannot read %d announced events: %s", notification.references().size(),
                            failure.getMessage()));
        }
    }
}
