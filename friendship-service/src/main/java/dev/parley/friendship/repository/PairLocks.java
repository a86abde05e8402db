package dev.parley.friendship.repository;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Transaction-scoped PostgreSQL advisory locks on a pair of users: every change of a pair holds its lock, so the
 * changes of one pair happen one after the other and each publishes its state after the one before. Creating a
 * friend request takes the lock shared and every other change exclusive: a request never interleaves with a block,
 * an answer or an erasure, while two requests still meet at the pair's unique index (only one of them can change
 * the pair). A transaction takes one pair's lock, except an account's erasure, which takes its pairs' locks in
 * ascending order of their keys.
 */
@ApplicationScoped
public class PairLocks {

    private static final String LOCK = "select 1 from (select %s(:key)) locked";

    public Uni<Void> shared(long a, long b) {
        return lock("pg_advisory_xact_lock_shared", a, b);
    }

    public Uni<Void> exclusive(long a, long b) {
        return lock("pg_advisory_xact_lock", a, b);
    }

    /** The exclusive locks of the pairs of {@code userId} with each of {@code others}, in a fixed order, on {@code tx}. */
    public Uni<Void> exclusive(SqlClient tx, long userId, Collection<Long> others) {
        return Multi.createFrom().iterable(others.stream().map(other -> key(userId, other)).distinct().sorted()
                .toList())
                .onItem().transformToUniAndConcatenate(key -> tx
                        .preparedQuery("select 1 from (select pg_advisory_xact_lock($1)) locked")
                        .execute(Tuple.of(key)))
                .collect().last().replaceWithVoid();
    }

    private static Uni<Void> lock(String function, long a, long b) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LOCK.formatted(function), Integer.class)
                        .setParameter("key", key(a, b)).getSingleResult())
                .replaceWithVoid();
    }

    // Distinct pairs may share a key once ids pass 2^32; that only makes them wait for each other. Every key is at
    // least 2^32, apart from the outbox's commit lock (an int4 hash, see common's R__outbox.sql).
    private static long key(long a, long b) {
        return (Math.min(a, b) << 32) ^ Math.max(a, b);
    }
}
