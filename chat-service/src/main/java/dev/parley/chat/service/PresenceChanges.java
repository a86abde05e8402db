package dev.parley.chat.service;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

import dev.parley.chat.config.ChatConfig;
import dev.parley.chat.repository.PresenceRepository;
import dev.parley.chat.repository.ReplicaRepository;

/**
 * Changes of one user's presence, each in a transaction that holds the user's presence row: a socket opened or
 * closed on this replica, a dead replica's sockets taken away, or a change whose window has ended. Once it commits,
 * the friends are told ({@link PresenceAnnouncer}), or this replica looks again when the window ends
 * ({@link PresenceWindow}).
 */
@ApplicationScoped
public class PresenceChanges {

    private final Pool pool;
    private final PresenceRepository presence;
    private final ReplicaRepository replicas;
    private final PresenceAnnouncer announcer;
    private final PresenceLanes lanes;
    private final Fanout fanout;
    private final Duration minInterval;

    public PresenceChanges(Pool pool, PresenceRepository presence, ReplicaRepository replicas,
            PresenceAnnouncer announcer, PresenceLanes lanes, Fanout fanout, ChatConfig config) {
        this.pool = pool;
        this.presence = presence;
        this.replicas = replicas;
        this.announcer = announcer;
        this.lanes = lanes;
        this.fanout = fanout;
        this.minInterval = config.presence().minInterval();
    }

    /** A socket of the user opened on this replica. */
    public Uni<Void> connected(long userId, String socket) {
        return change(userId, true,
                tx -> replicas.addSocket(tx, fanout.origin(), socket, userId).replaceWith(Boolean.TRUE), null);
    }

    /** A socket of the user on this replica closed. */
    public Uni<Void> disconnected(long userId, String socket) {
        return change(userId, false, tx -> replicas.removeSocket(tx, fanout.origin(), socket, userId), null);
    }

    /** The replica holding sockets of the user is gone; it was last seen at {@code lastSeenAt}. */
    public Uni<Void> replicaGone(long userId, String replica, Instant lastSeenAt) {
        return change(userId, false, tx -> replicas.removeReplica(tx, replica, userId), lastSeenAt);
    }

    /** Tells the friends whatever changed and is due (the window ended, the user hid or showed themselves). */
    public Uni<Void> due(long userId) {
        return change(userId, false, tx -> Uni.createFrom().nullItem(), null);
    }

    // `online` answers whether the user has sockets left after its change, or null when it changes none.
    private Uni<Void> change(long userId, boolean create, Function<SqlConnection, Uni<Boolean>> online,
            Instant offlineAt) {
        return Deadlocks.retried(() -> pool.withTransaction(tx -> presence.lock(tx, userId, create).chain(state -> {
            if (state == null) {
                return Uni.createFrom().<PresenceWindow.Decision>nullItem();
            }
            return online.apply(tx)
                    .map(now -> PresenceWindow.decide(PresenceWindow.moved(state, now, offlineAt), minInterval))
                    .call(decision -> presence.store(tx, decision.state()));
        }))).chain(decision -> decision == null ? Uni.createFrom().voidItem() : committed(decision));
    }

    private Uni<Void> committed(PresenceWindow.Decision decision) {
        long userId = decision.state().userId();
        if (decision.due() != null) {
            long delay = Duration.between(decision.state().now(), decision.due()).toMillis();
            lanes.runLater(userId, delay, () -> due(userId));
        }
        return decision.tell() == null ? Uni.createFrom().voidItem() : announcer.announce(decision.tell());
    }
}
