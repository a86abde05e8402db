package dev.parley.friendship.repository;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

import dev.parley.common.paging.Keyset;
import dev.parley.friendship.Block;

/** Blocks by blocker and blocked user. */
@ApplicationScoped
@WithSession
public class BlockRepository implements PanacheRepository<Block> {

    public Uni<Block> find(long blockerId, long blockedId) {
        return find("blockerId = ?1 and blockedId = ?2", blockerId, blockedId).firstResult();
    }

    public Uni<Boolean> exists(long blockerId, long blockedId) {
        return count("blockerId = ?1 and blockedId = ?2", blockerId, blockedId).map(n -> n > 0);
    }

    /**
     * Deletes the block. A bulk delete by id rather than the entity's removal at flush: under concurrent load the
     * latter can fail with HR000069 or never complete (quarkusio/quarkus#41945).
     */
    public Uni<Void> remove(Block block) {
        return delete("id", block.id).replaceWithVoid();
    }

    /** Whether either user has blocked the other. */
    public Uni<Boolean> eitherWay(long a, long b) {
        return count("(blockerId = ?1 and blockedId = ?2) or (blockerId = ?2 and blockedId = ?1)", a, b)
                .map(n -> n > 0);
    }

    /** Who of the two users blocks the other, in ascending order of ids. */
    public Uni<List<Long>> blockersBetween(long a, long b) {
        return find("(blockerId = ?1 and blockedId = ?2) or (blockerId = ?2 and blockedId = ?1)",
                Sort.by("blockerId"), a, b).list()
                .map(rows -> rows.stream().map(block -> block.blockerId).toList());
    }

    /** The user's blocks, most recent first, after the cursor position. */
    public Uni<List<Block>> listBy(long blockerId, Keyset after, int limit) {
        return find("blockerId = :blocker" + Keyset.condition(after, "createdAt", "id")
                + Keyset.orderBy("createdAt", "id"), Keyset.parameters(after, Map.of("blocker", blockerId)))
                .range(0, limit - 1).list();
    }
}
