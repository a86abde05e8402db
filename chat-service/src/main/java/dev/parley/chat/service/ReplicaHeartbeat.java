package dev.parley.chat.service;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import dev.parley.chat.config.ChatConfig;
import dev.parley.chat.repository.PresenceRepository;
import dev.parley.chat.repository.ReplicaRepository;
import dev.parley.chat.repository.ReplicaRepository.Seen;

/**
 * Every {@code parley.presence.heartbeat-interval}, each replica says it is alive and mends its record of its sockets
 * if it does not match; then it sweeps: a replica unseen for {@code parley.presence.replica-timeout} is dead, its
 * sockets are taken away, and its users with no socket left elsewhere go offline as of its last heartbeat. It also
 * tells changes whose replica did not when their window ended. A replica that shuts down takes its own users offline.
 */
@ApplicationScoped
public class ReplicaHeartbeat {

    private static final Logger LOG = Logger.getLogger(ReplicaHeartbeat.class);
    private static final long OVERDUE_GRACE_MILLIS = 2000;
    private static final int OVERDUE_PAGE = 500;
    private static final int USERS_AT_ONCE = 4;

    private final ReplicaRepository replicas;
    private final PresenceRepository presence;
    private final PresenceChanges changes;
    private final PresenceTracker tracker;
    private final PresenceLanes lanes;
    private final Fanout fanout;
    private final ChatConfig.Presence config;
    private final AtomicBoolean beating = new AtomicBoolean();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private long timer = -1;

    public ReplicaHeartbeat(ReplicaRepository replicas, PresenceRepository presence, PresenceChanges changes,
            PresenceTracker tracker, PresenceLanes lanes, Fanout fanout, ChatConfig config) {
        this.replicas = replicas;
        this.presence = presence;
        this.changes = changes;
        this.tracker = tracker;
        this.lanes = lanes;
        this.fanout = fanout;
        this.config = config.presence();
    }

    void start(@Observes StartupEvent startup, Vertx vertx) {
        tick();
        timer = vertx.setPeriodic(config.heartbeatInterval().toMillis(), ignored -> tick());
    }

    // Before the pool closes: this replica's users go offline now rather than when the others find it dead.
    void stop(@Observes ShutdownEvent shutdown, Vertx vertx) {
        vertx.cancelTimer(timer);
        try {
            gone(new Seen(fanout.origin(), Instant.now()), 0).await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warnf("Cannot take this replica's users offline: %s", e.getMessage());
        }
    }

    private void tick() {
        run(beating, "Heartbeat", replicas.beat(fanout.origin()).chain(stored -> stored == tracker.count()
                ? Uni.createFrom().voidItem()
                : replicas.sockets(fanout.origin()).invoke(tracker::mend).replaceWithVoid()));
        run(sweeping, "Presence sweep", Uni.createFrom().deferred(this::sweep));
    }

    private static void run(AtomicBoolean running, String what, Uni<Void> pass) {
        if (running.compareAndSet(false, true)) {
            Uni.createFrom().deferred(() -> pass).subscribe().with(done -> running.set(false), failure -> {
                LOG.warnf("%s failed: %s", what, failure.getMessage());
                running.set(false);
            });
        }
    }

    private Uni<Void> sweep() {
        long timeout = config.replicaTimeout().toMillis();
        return replicas.dead(fanout.origin(), timeout)
                .chain(dead -> Multi.createFrom().iterable(dead).onItem()
                        .transformToUniAndConcatenate(replica -> gone(replica, timeout)).collect().last())
                .chain(() -> presence.overdue(OVERDUE_GRACE_MILLIS, OVERDUE_PAGE))
                .invoke(users -> users.forEach(userId -> lanes.run(userId, () -> changes.due(userId))))
                .replaceWithVoid();
    }

    private Uni<Void> gone(Seen replica, long timeout) {
        return replicas.usersOn(replica.replica())
                .chain(users -> Multi.createFrom().iterable(users).onItem()
                        .transformToUni(userId -> changes.replicaGone(userId, replica.replica(), replica.seenAt()))
                        .merge(USERS_AT_ONCE).collect().last()
                        .chain(() -> replicas.forget(replica.replica(), timeout))
                        .invoke(forgotten -> {
                            if (!users.isEmpty()) {
                                LOG.infof("Replica %s gone: %d users' sockets taken away", replica.replica(),
                                        users.size());
                            }
                        }))
                .replaceWithVoid();
    }
}
