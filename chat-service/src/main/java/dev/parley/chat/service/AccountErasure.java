package dev.parley.chat.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import dev.parley.chat.api.Event;
import dev.parley.chat.repository.DeviceRepository;
import dev.parley.chat.repository.ErasureRepository;
import dev.parley.chat.repository.ErasureRepository.Locked;
import dev.parley.chat.repository.PresenceRepository;
import dev.parley.chat.repository.StreamLogRepository;
import dev.parley.chat.repository.StreamLogRepository.NewEvent;
import dev.parley.chat.repository.UploadRepository;
import dev.parley.common.events.FeedEvent;
import dev.parley.common.events.FeedHandler;
import dev.parley.common.time.Timestamps;

/**
 * Erases a deleted account from chat on account-service's {@value #DELETED} event: the user leaves every
 * conversation (a group they owned passes to its longest-standing member, a conversation left empty is deleted),
 * and the messages they wrote become tombstones in their places, so nobody's history has gaps. The members still
 * there hear of it as of a member leaving and messages being deleted, through the stream log (reconciliation
 * delivers them within a second or two of the commit). Their presence, devices and notification choices are forgotten too, and every file they
 * uploaded is deleted (by {@link UploadSweeper}). Applying the event again
 * finds nothing left to change.
 */
@ApplicationScoped
public class AccountErasure implements FeedHandler {

    static final String FEED = "account";
    static final String DELETED = "account.deleted";
    private static final Logger LOG = Logger.getLogger(AccountErasure.class);

    private final ErasureRepository erasure;
    private final PresenceRepository presence;
    private final DeviceRepository devices;
    private final UploadRepository uploads;
    private final StreamLogRepository log;
    private final EventWire wire;

    public AccountErasure(ErasureRepository erasure, PresenceRepository presence, DeviceRepository devices,
            UploadRepository uploads, StreamLogRepository log, EventWire wire) {
        this.erasure = erasure;
        this.presence = presence;
        this.devices = devices;
        this.uploads = uploads;
        this.log = log;
        this.wire = wire;
    }

    @Override
    public String feed() {
        return FEED;
    }

    @Override
    public Uni<Void> apply(SqlConnection tx, FeedEvent event) {
        if (!DELETED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        long userId = event.data().path("user_id").asLong();
        // An event this service cannot read would stop the feed for good if it failed the page: it is skipped.
        if (userId <= 0) {
            LOG.warnf("Skipped unreadable %s event at %s: %s", DELETED, event.cursor(), event.data());
            return Uni.createFrom().voidItem();
        }
        return presence.forget(tx, userId).chain(() -> devices.forget(tx, userId))
                .chain(() -> uploads.doomUser(tx, userId))
                .chain(() -> erasure.lockConversationsOf(tx, userId))
                .chain(locked -> locked.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : erase(tx, userId, locked));
    }

    private Uni<Void> erase(SqlConnection tx, long userId, List<Locked> locked) {
        List<Long> ids = locked.stream().map(Locked::id).toList();
        List<Long> groups = locked.stream().filter(Locked::isGroup).map(Locked::id).toList();
        List<Event> events = new ArrayList<>();
        return erasure.forgetReactions(tx, userId).chain(() -> erasure.tombstone(tx, userId, Timestamps.now()))
                .invoke(tombstones -> tombstones.forEach(message -> events.add(new Event(Event.MESSAGE_DELETED,
                        message.conversationId(), message.seq(), message))))
                .chain(() -> erasure.removeMemberships(tx, userId))
                .invoke(left -> left.forEach(gone -> events.add(new Event(Event.MEMBER_REMOVED,
                        gone.conversationId(), null, gone.member()))))
                .chain(() -> erasure.passOwnership(tx, groups))
                .invoke(heirs -> heirs.forEach(heir -> events.add(new Event(Event.MEMBER_UPDATED,
                        heir.conversationId(), null, heir.member()))))
                .chain(() -> erasure.deleteEmpty(tx, ids))
                .chain(deleted -> erasure.touch(tx, ids.stream().filter(id -> !deleted.contains(id)).toList()))
                .chain(members -> log.append(tx, logged(events, members, userId)))
                .invoke(() -> LOG.infof("Erased user %d from %d conversations", userId, ids.size()));
    }

    // To the members still there, and the member-left event also to the user themselves, as leaving does (a socket
    // of theirs may still be open until its token expires).
    private List<NewEvent> logged(List<Event> events, Map<Long, List<Long>> members, long userId) {
        List<NewEvent> logged = new ArrayList<>(events.size());
        for (Event event : events) {
            List<Long> recipients = new ArrayList<>(members.getOrDefault(event.conversationId(), List.of()));
            if (Event.MEMBER_REMOVED.equals(event.type())) {
                recipients.add(userId);
            }
            if (!recipients.isEmpty()) {
                logged.add(new NewEvent(event.conversationId(), event.seq(), event.type(), wire.frame(event),
                        recipients));
            }
        }
        return logged;
    }
}
