package dev.parley.chat.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import dev.parley.chat.repository.PresenceRepository;
import dev.parley.common.events.FeedEvent;
import dev.parley.common.events.FeedHandler;

/**
 * Keeps who hides their presence from account-service's {@value #VISIBILITY} events, {@code {"user_id",
 * "visible"}}: a hidden user is shown offline to everyone and is shown nobody's presence. The friends of a user who
 * hides or shows themselves while online are told, once the change has committed: telling waits for the lock on the
 * user's presence row that the change holds until then.
 */
@ApplicationScoped
public class PresenceVisibilityChanges implements FeedHandler {

    static final String VISIBILITY = "presence.visibility";
    private static final Logger LOG = Logger.getLogger(PresenceVisibilityChanges.class);

    private final PresenceRepository presence;
    private final PresenceChanges changes;
    private final PresenceLanes lanes;

    public PresenceVisibilityChanges(PresenceRepository presence, PresenceChanges changes, PresenceLanes lanes) {
        this.presence = presence;
        this.changes = changes;
        this.lanes = lanes;
    }

    @Override
    public String feed() {
        return AccountErasure.FEED;
    }

    @Override
    public Uni<Void> apply(SqlConnection tx, FeedEvent event) {
        if (!VISIBILITY.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        JsonNode data = event.data();
        long userId = data.path("user_id").asLong();
        // An event this service cannot read would stop the feed for good if it failed the page: it is skipped.
        if (userId <= 0 || !data.path("visible").isBoolean()) {
            LOG.warnf("Skipped unreadable %s event at %s: %s", VISIBILITY, event.cursor(), data);
            return Uni.createFrom().voidItem();
        }
        return presence.hide(tx, userId, !data.get("visible").asBoolean()).invoke(changed -> {
            if (changed) {
                lanes.run(userId, () -> changes.due(userId));
            }
        }).replaceWithVoid();
    }
}
