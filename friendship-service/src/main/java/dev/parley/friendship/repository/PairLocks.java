package dev.parley.friendship.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Transaction-scoped PostgreSQL advisory locks on a pair of users. Creating a friend request takes the pair's lock
 * shared and blocking takes it exclusive: a block and a request never interleave (a request cannot slip in beside a
 * block that is being written), while two requests still meet at the pair's unique index.
 */
@ApplicationScoped
public class PairLocks {

    public Uni<Void> shared(long a, long b) {
        return lock("pg_advisory_xact_lock_shared", a, b);
    }

    public Uni<Void> exclusive(long a, long b) {
        return lock("pg_advisory_xact_lock", a, b);
    }

    private static Uni<Void> lock(String function, long a, long b) {
        // Distinct pairs may share a key once ids pass 2^32; that only makes them wait for each other.
        long key = (Math.min(a, b) << 32) ^ Math.max(a, b);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select 1 from (select " + function + "(:key)) locked",
                        Integer.class).setParameter("key", key).getSingleResult())
                .replaceWithVoid();
    }
}
