package dev.parley.chat.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.chat.api.Event;
import dev.parley.chat.api.PresenceView;
import dev.parley.chat.repository.PresenceRepository;

/**
 * Tells a user's friends what they are now shown of the user: a {@code presence.updated} frame, never logged, to
 * each friend who does not hide their own presence, on whichever replica holds their sockets.
 */
@ApplicationScoped
public class PresenceAnnouncer {

    // Recipients per announcement: each travels to the other replicas in one notification of under 8000 bytes.
    static final int RECIPIENTS_PER_EVENT = 400;

    private final PresenceRepository presence;
    private final EventWire wire;
    private final Fanout fanout;

    public PresenceAnnouncer(PresenceRepository presence, EventWire wire, Fanout fanout) {
        this.presence = presence;
        this.wire = wire;
        this.fanout = fanout;
    }

    public Uni<Void> announce(PresenceView shown) {
        return presence.friendsToTell(shown.userId()).invoke(friends -> {
            String frame = wire.frame(new Event(Event.PRESENCE_UPDATED, null, null, shown));
            long now = System.currentTimeMillis();
            List<Announcement> events = new ArrayList<>();
            for (int from = 0; from < friends.size(); from += RECIPIENTS_PER_EVENT) {
                List<Long> to = friends.subList(from, Math.min(friends.size(), from + RECIPIENTS_PER_EVENT));
                events.add(new Announcement(null, 0, 0L, Event.PRESENCE_UPDATED, null, frame, to, now));
            }
            fanout.committed(events);
        }).replaceWithVoid();
    }
}
