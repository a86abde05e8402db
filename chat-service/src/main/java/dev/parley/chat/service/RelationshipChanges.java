package dev.parley.chat.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import dev.parley.chat.repository.RelationshipRepository;
import dev.parley.common.events.FeedEvent;
import dev.parley.common.events.FeedHandler;

/**
 * Keeps chat-service's copy of the relationships ({@link Relationships}) from friendship-service's
 * {@value #CHANGED} events: {@code {"user_low", "user_high", "friends", "blocked_by": [...]}}, the pair's whole
 * state. The highest position of a pair wins, so a repeated or older event changes nothing.
 */
@ApplicationScoped
public class RelationshipChanges implements FeedHandler {

    /** friendship-service's feed. */
    static final String FEED = "friendship";
    static final String CHANGED = "relationship.changed";
    private static final Logger LOG = Logger.getLogger(RelationshipChanges.class);

    private final RelationshipRepository pairs;

    public RelationshipChanges(RelationshipRepository pairs) {
        this.pairs = pairs;
    }

    @Override
    public String feed() {
        return FEED;
    }

    @Override
    public Uni<Void> apply(SqlConnection tx, FeedEvent event) {
        if (!CHANGED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        JsonNode data = event.data();
        long low = data.path("user_low").asLong();
        long high = data.path("user_high").asLong();
        // An event this service cannot read would stop the feed for good if it failed the page: it is skipped.
        if (low <= 0 || low >= high || !data.path("friends").isBoolean() || !data.path("blocked_by").isArray()) {
            LOG.warnf("Skipped unreadable %s event at %s: %s", CHANGED, event.cursor(), data);
            return Uni.createFrom().voidItem();
        }
        List<Long> blockedBy = new ArrayList<>();
        data.path("blocked_by").forEach(id -> blockedBy.add(id.asLong()));
        return pairs.apply(tx, low, high, data.path("friends").asBoolean(), blockedBy, event.position());
    }
}
