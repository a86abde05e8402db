package dev.parley.chat.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import dev.parley.chat.repository.DeviceRepository;
import dev.parley.common.events.FeedEvent;
import dev.parley.common.events.FeedHandler;
import dev.parley.common.security.RevokedSessions;

/**
 * Removes the devices a session registered when account-service ends it ({@value RevokedSessions#REVOKED}: logout,
 * revocation, password reset, account deletion), so a phone that signed out gets no more pushes.
 */
@ApplicationScoped
public class SessionDevices implements FeedHandler {

    private static final Logger LOG = Logger.getLogger(SessionDevices.class);

    private final DeviceRepository devices;

    public SessionDevices(DeviceRepository devices) {
        this.devices = devices;
    }

    @Override
    public String feed() {
        return AccountErasure.FEED;
    }

    @Override
    public Uni<Void> apply(SqlConnection tx, FeedEvent event) {
        if (!RevokedSessions.REVOKED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        long sessionId = event.data().path("session_id").asLong();
        // An event this service cannot read would stop the feed for good if it failed the page: it is skipped.
        if (sessionId <= 0) {
            LOG.warnf("Skipped unreadable %s event at %s: %s", RevokedSessions.REVOKED, event.cursor(), event.data());
            return Uni.createFrom().voidItem();
        }
        return devices.removeSession(tx, sessionId).invoke(removed -> {
            if (removed > 0) {
                LOG.debugf("Removed %d devices of ended session %d", removed.intValue(), sessionId);
            }
        }).replaceWithVoid();
    }
}
