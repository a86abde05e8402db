package dev.parley.chat.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
    private final ObjectMapper json;
    private final MessageRepository messages;
    private final MemberRepository members;
    private final ChatConfig config;
    private final Timer latency;
    private final PgConnectOptions options;
    private PgSubscriber subscriber;
    private long pinger = -1;

    public EventRelay(Vertx vertx, Connections connections, ObjectMapper json, MessageRepository messages,
            MemberRepository members, ChatConfig config, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.vertx = vertx;
        this.connections = connections;
        this.json = json;
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
        pinger = vertx.setPeriodic(config.stream().pingInterval().toMillis(), tick -> connections.pingAll());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        vertx.cancelTimer(pinger);
        connections.closeAll();
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    void onNotification(String payload) {
        try {
            JsonNode envelope = json.readTree(payload);
            if (!envelope.has("to")) {
                // Too large for NOTIFY: load the message and its recipients, off the event loop.
                vertx.executeBlocking(Uni.createFrom().item(() -> completed((ObjectNode) envelope)))
                        .subscribe().with(this::deliver, e -> LOG.warn("Cannot complete event", e));
            } else {
                deliver(envelope);
            }
        } catch (Exception e) {
            LOG.warnf("Dropped malformed event: %s", e.getMessage());
        }
    }

    private JsonNode completed(ObjectNode envelope) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> complete(envelope));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private Uni<JsonNode> complete(ObjectNode envelope) {
        ObjectNode event = (ObjectNode) envelope.get("event");
        long conversationId = event.get("conversation_id").asLong();
        Uni<Void> data = !envelope.hasNonNull("message_id")
                ? Uni.createFrom().voidItem()
                : messages.findById(envelope.get("message_id").asLong())
                        .invoke(message -> event.set("data", json.valueToTree(MessageView.of(message))))
                        .replaceWithVoid();
        return data.chain(() -> members.userIds(conversationId))
                .map(ids -> {
                    envelope.set("to", json.valueToTree(ids));
                    return envelope;
                });
    }

    private void deliver(JsonNode envelope) {
        List<Long> recipients = new ArrayList<>();
        envelope.get("to").forEach(id -> recipients.add(id.asLong()));
        if (recipients.stream().noneMatch(connections::hasAny)) {
            return;
        }
        String text = envelope.get("event").toString();
        long announcedAt = envelope.path("at").asLong(System.currentTimeMillis());
        for (Long userId : recipients) {
            if (connections.send(userId, text) > 0) {
                latency.record(java.time.Duration.ofMillis(Math.max(0, System.currentTimeMillis() - announcedAt)));
            }
        }
    }
}
