package dev.parley.friendship.api;

import java.time.Instant;

import dev.parley.friendship.Block;

/** A user the caller has blocked, and when. */
public record BlockView(long userId, Instant createdAt) {

    public static BlockView of(Block block) {
        return new BlockView(block.blockedId, block.createdAt);
    }
}
