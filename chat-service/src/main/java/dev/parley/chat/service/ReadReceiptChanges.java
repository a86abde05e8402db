package dev.parley.chat.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import dev.parley.chat.repository.ReceiptRepository;
import dev.parley.common.events.FeedEvent;
import dev.parley.common.events.FeedHandler;

/**
 * Keeps who keeps read receipts to themselves from account-service's {@value #TYPE} events, {@code {"user_id",
 * "enabled"}}: others see null for such a user's marks, and the user sees null for everyone else's.
 */
@ApplicationScoped
public class ReadReceiptChanges implements FeedHandler {

    static final String TYPE = "read.receipts";
    private static final Logger LOG = Logger.getLogger(ReadReceiptChanges.class);

    private final ReceiptRepository receipts;

    public ReadReceiptChanges(ReceiptRepository receipts) {
        this.receipts = receipts;
    }

    @Override
    public String feed() {
        return AccountErasure.FEED;
    }

    @Override
    public Uni<Void> apply(SqlConnection tx, FeedEvent event) {
        if (!TYPE.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        JsonNode data = event.data();
        long userId = data.path("user_id").asLong();
        // An event this service cannot read would stop the feed for good if it failed the page: it is skipped.
        if (userId <= 0 || !data.path("enabled").isBoolean()) {
            LOG.warnf("Skipped unreadable %s event at %s: %s", TYPE, event.cursor(), data);
            return Uni.createFrom().voidItem();
        }
        return receipts.hide(tx, userId, !data.get("enabled").asBoolean());
    }
}
