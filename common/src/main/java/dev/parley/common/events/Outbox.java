package dev.parley.common.events;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Publishes this service's events: each is written to the outbox in the transaction that makes the change, so it
 * exists exactly when the change does, and other services read it from the internal feed. Data is written as
 * snake_case JSON.
 */
@ApplicationScoped
public class Outbox {

    private final FeedStore store;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final String feed;

    public Outbox(FeedStore store, ObjectMapper json, MeterRegistry metrics, EventSettings settings) {
        this.store = store;
        this.json = json;
        this.metrics = metrics;
        this.feed = settings.feed().orElse("none");
    }

    /** A happening (a session revoked, an account deleted), in the current Hibernate Reactive transaction. */
    public Uni<Void> publish(String type, String key, Object data) {
        return write(type, key, data, false);
    }

    /** The new state of {@code key}, replacing earlier ones, in the current Hibernate Reactive transaction. */
    public Uni<Void> publishState(String type, String key, Object data) {
        return write(type, key, data, true);
    }

    /** A happening, in the transaction of {@code tx}. */
    public Uni<Void> publish(SqlClient tx, String type, String key, Object data) {
        return store.insert(tx, type, key, text(data), false).invoke(this::count);
    }

    /** The new state of {@code key}, in the transaction of {@code tx}. */
    public Uni<Void> publishState(SqlClient tx, String type, String key, Object data) {
        return store.insert(tx, type, key, text(data), true).invoke(this::count);
    }

    private Uni<Void> write(String type, String key, Object data, boolean state) {
        String text = text(data);
        return Panache.getSession().chain(session -> session.createNativeQuery(store.insertStatement())
                .setParameter("type", type).setParameter("key", key).setParameter("data", text)
                .setParameter("compacted", state).executeUpdate()).invoke(this::count).replaceWithVoid();
    }

    private void count() {
        metrics.counter("parley_events_published", "feed", feed).increment();
    }

    private String text(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event data cannot be written as JSON", e);
        }
    }
}
