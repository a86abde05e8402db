package dev.parley.friendship.service;

import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import dev.parley.common.events.FeedEvent;
import dev.parley.common.events.FeedHandler;
import dev.parley.common.events.Outbox;
import dev.parley.friendship.api.RelationshipChanged;
import dev.parley.friendship.repository.ErasureRepository;
import dev.parley.friendship.repository.PairLocks;

/**
 * Erases a deleted account ({@value #DELETED} on account-service's feed): the user's requests, friendships and
 * blocks in either direction and the history rows about them, publishing the new state of every pair that changed.
 * Applying the same event again finds nothing left, so it changes and publishes nothing.
 */
@ApplicationScoped
public class AccountErasure implements FeedHandler {

    /** The event account-service publishes, with {@code user_id}. */
    public static final String DELETED = "account.deleted";
    private static final Logger LOG = Logger.getLogger(AccountErasure.class);

    private final ErasureRepository erasure;
    private final PairLocks locks;
    private final Outbox outbox;

    public AccountErasure(ErasureRepository erasure, PairLocks locks, Outbox outbox) {
        this.erasure = erasure;
        this.locks = locks;
        this.outbox = outbox;
    }

    @Override
    public String feed() {
        return "account";
    }

    @Override
    public Uni<Void> apply(SqlConnection tx, FeedEvent event) {
        if (!DELETED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        JsonNode userId = event.data().path("user_id");
        if (!userId.canConvertToLong() || !userId.isIntegralNumber()) {
            // Retrying would never make it readable, and would hold up every later event of the feed.
            LOG.errorf("Feed account: %s at %s has no user_id; skipped", DELETED, event.cursor());
            return Uni.createFrom().voidItem();
        }
        long user = userId.asLong();
        return lockPairsOf(tx, user, new TreeSet<>())
                .chain(() -> erasure.erase(tx, user))
                .chain(changed -> changed.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : erasure.statesOf(tx, user, changed).chain(states -> publish(tx, states)));
    }

    // Locks the pairs of the user's rows; rows of a pair not yet locked may have committed meanwhile, so it looks
    // again until every pair it finds is locked.
    private Uni<Void> lockPairsOf(SqlConnection tx, long user, Set<Long> locked) {
        return erasure.othersOf(tx, user).chain(others -> {
            Set<Long> missing = new TreeSet<>(others);
            missing.removeAll(locked);
            if (missing.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            locked.addAll(missing);
            return locks.exclusive(tx, user, missing).chain(() -> lockPairsOf(tx, user, locked));
        });
    }

    private Uni<Void> publish(SqlConnection tx, Iterable<RelationshipChanged> states) {
        return Multi.createFrom().iterable(states)
                .onItem().transformToUniAndConcatenate(state -> outbox.publishState(tx, RelationshipChanged.TYPE,
                        state.key(), state))
                .collect().last().replaceWithVoid();
    }
}
