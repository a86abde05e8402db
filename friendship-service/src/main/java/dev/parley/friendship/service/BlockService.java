package dev.parley.friendship.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.parley.common.error.ApiException;
import dev.parley.common.paging.Keyset;
import dev.parley.common.paging.Page;
import dev.parley.common.time.Timestamps;
import dev.parley.friendship.Block;
import dev.parley.friendship.FriendshipEvent.Type;
import dev.parley.friendship.api.BlockView;
import dev.parley.friendship.api.UserTarget;
import dev.parley.friendship.client.AccountDirectory;
import dev.parley.friendship.repository.BlockRepository;
import dev.parley.friendship.repository.FriendshipEventRepository;
import dev.parley.friendship.repository.FriendshipRepository;
import dev.parley.friendship.repository.PairLocks;

/** Blocking: ends any friendship or pending request between the two users and stops new ones either way. */
@ApplicationScoped
public class BlockService {

    private final BlockRepository blocks;
    private final FriendshipRepository friendships;
    private final FriendshipEventRepository events;
    private final PairLocks locks;
    private final AccountDirectory accounts;
    private final RelationshipEvents published;

    public BlockService(BlockRepository blocks, FriendshipRepository friendships, FriendshipEventRepository events,
            PairLocks locks, AccountDirectory accounts, RelationshipEvents published) {
        this.blocks = blocks;
        this.friendships = friendships;
        this.events = events;
        this.locks = locks;
        this.accounts = accounts;
        this.published = published;
    }

    public Uni<BlockView> block(long callerId, UserTarget body) {
        long targetId = Targets.userId(body);
        if (targetId == callerId) {
            throw ApiException.badRequest("You cannot block yourself");
        }
        return accounts.find(targetId).chain(user -> {
            if (user.isEmpty()) {
                throw Targets.userNotFound(targetId);
            }
            return store(callerId, targetId);
        });
    }

    @WithTransaction
    Uni<BlockView> store(long callerId, long targetId) {
        Instant now = Timestamps.now();
        return locks.exclusive(callerId, targetId)
                .chain(() -> blocks.exists(callerId, targetId))
                .invoke(exists -> {
                    if (exists) {
                        throw ApiException.conflict("User " + targetId + " is already blocked");
                    }
                })
                .chain(() -> blocks.persist(Block.of(callerId, targetId, now)))
                .call(() -> friendships.lockPair(callerId, targetId)
                        .call(pair -> pair == null ? Uni.createFrom().voidItem() : friendships.remove(pair)))
                .call(() -> events.record(Type.BLOCKED, callerId, targetId, now))
                .call(() -> published.changed(callerId, targetId))
                .map(BlockView::of);
    }

    @WithTransaction
    public Uni<Void> unblock(long callerId, long userId) {
        Instant now = Timestamps.now();
        return locks.exclusive(callerId, userId)
                .chain(() -> blocks.find(callerId, userId))
                .invoke(block -> {
                    if (block == null) {
                        throw ApiException.notFound("User " + userId + " is not blocked");
                    }
                })
                .call(blocks::remove)
                .call(() -> events.record(Type.UNBLOCKED, callerId, userId, now))
                .call(() -> published.changed(callerId, userId))
                .replaceWithVoid();
    }

    public Uni<Page<BlockView>> list(long callerId, String cursor, int limit) {
        return blocks.listBy(callerId, Keyset.after(cursor), limit + 1)
                .map(rows -> Page.of(rows, limit, BlockView::of, b -> Keyset.cursorAfter(b.createdAt, b.id)));
    }
}
