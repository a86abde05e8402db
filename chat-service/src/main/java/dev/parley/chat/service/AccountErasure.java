package dev.parley.chat.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import dev.parley.chat.api.Event;
import dev.parley.chat.api.MessageView;
import dev.parley.chat.config.ChatConfig;
import dev.parley.chat.repository.ErasureRepository;
import dev.parley.chat.repository.ErasureRepository.Locked;
import dev.parley.common.events.FeedEvent;
import dev.parley.common.events.FeedHandler;
import dev.parley.common.time.Timestamps;

/**
 * Erases a deleted account from chat on account-service's {@value #DELETED} event: the user leaves every
 * conversation (a group they owned passes to its longest-standing member, a conversation left empty is deleted),
 * and the messages they wrote become tombstones in their places, so nobody's history has gaps. The members still
 * there hear of it as of a member leaving and messages being deleted. Applying the event again finds nothing left
 * to change.
 */
@ApplicationScoped
public class AccountErasure implements FeedHandler {

    static final String FEED = "account";
    static final String DELETED = "account.deleted";
    private static final Logger LOG = Logger.getLogger(AccountErasure.class);

    private final ErasureRepository erasure;
    private final EventWire wire;
    private final String channel;

    public AccountErasure(ErasureRepository erasure, EventWire wire, ChatConfig config) {
        this.erasure = erasure;
        this.wire = wire;
        this.channel = config.stream().channel();
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
        return erasure.lockConversationsOf(tx, userId).chain(locked -> locked.isEmpty()
                ? Uni.createFrom().voidItem()
                : erase(tx, userId, locked));
    }

    private Uni<Void> erase(SqlConnection tx, long userId, List<Locked> locked) {
        List<Long> ids = locked.stream().map(Locked::id).toList();
        List<Long> groups = locked.stream().filter(Locked::isGroup).map(Locked::id).toList();
        long at = System.currentTimeMillis();
        List<Event> events = new ArrayList<>();
        return erasure.tombstone(tx, userId, Timestamps.now())
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
                .chain(members -> erasure.notify(tx, channel, payloads(events, members, userId, at)))
                .invoke(() -> LOG.infof("Erased user %d from %d conversations", userId, ids.size()));
    }

    // To the members still there, and the member-left event also to the user themselves, as leaving does (a socket
    // of theirs may still be open until its token expires).
    private List<String> payloads(List<Event> events, Map<Long, List<Long>> members, long userId, long at) {
        List<String> payloads = new ArrayList<>(events.size());
        for (Event event : events) {
            List<Long> recipients = new ArrayList<>(members.getOrDefault(event.conversationId(), List.of()));
            if (Event.MEMBER_REMOVED.equals(event.type())) {
                recipients.add(userId);
            }
            if (!recipients.isEmpty()) {
                Long messageId = event.data() instanceof MessageView view ? view.id() : null;
                payloads.add(wire.payload(event, Set.copyOf(recipients), messageId, at));
            }
        }
        return payloads;
    }
}
