package dev.parley.chat.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import dev.parley.chat.api.Event;
import dev.parley.chat.api.ReactionChange;
import dev.parley.chat.api.Reactor;
import dev.parley.chat.repository.MessageRepository;
import dev.parley.chat.repository.MessageRepository.Authored;
import dev.parley.chat.repository.ReactionRepository;
import dev.parley.chat.service.LoggedTransactions.Change;
import dev.parley.common.error.ApiException;
import dev.parley.common.paging.Keyset;
import dev.parley.common.paging.Page;
import dev.parley.common.time.Timestamps;

/**
 * Members' reactions to messages: one of each emoji per user, at most {@value #MAX_EMOJI} different emoji on a
 * message. Each change runs under the message's row lock, so counts stay exact however many react at once. In a
 * direct conversation reacting is writing to the other user: it takes what sending does.
 */
@ApplicationScoped
public class Reactions {

    static final int MAX_EMOJI = 50;

    private final Pool pool;
    private final ReactionRepository reactions;
    private final MessageRepository messages;
    private final MessageLocks locks;
    private final ConversationAccess access;
    private final WritingRights rights;
    private final LoggedTransactions transactions;
    private final SendAllowance allowance;

    public Reactions(Pool pool, ReactionRepository reactions, MessageRepository messages, MessageLocks locks,
            ConversationAccess access, WritingRights rights,
            LoggedTransactions transactions, SendAllowance allowance) {
        this.pool = pool;
        this.reactions = reactions;
        this.messages = messages;
        this.locks = locks;
        this.access = access;
        this.rights = rights;
        this.transactions = transactions;
        this.allowance = allowance;
    }

    /** Adds the caller's reaction; adding it again changes nothing. */
    public Uni<Void> add(long caller, long conversationId, long messageId, String rawEmoji) {
        String emoji = Emoji.parse(rawEmoji);
        allowance.spendOnChange(caller);
        return rights.require(caller, conversationId).chain(() -> transactions.run(change -> locked(change, caller,
                conversationId, messageId).chain(message -> reactions.emojiOf(change.tx(), messageId).chain(used -> {
                    if (!used.contains(emoji) && used.size() >= MAX_EMOJI) {
                        throw ApiException.badRequest("Too many reactions");
                    }
                    return reactions.add(change.tx(), messageId, emoji, caller, Timestamps.now())
                            .chain(added -> added
                                    ? announce(change, Event.REACTION_ADDED, message, emoji, caller)
                                    : Uni.createFrom().voidItem());
                }))));
    }

    /** Takes the caller's reaction away; one they never added changes nothing. */
    public Uni<Void> remove(long caller, long conversationId, long messageId, String rawEmoji) {
        String emoji = Emoji.parse(rawEmoji);
        allowance.spendOnChange(caller);
        return transactions.run(change -> locked(change, caller, conversationId, messageId)
                .chain(message -> reactions.remove(change.tx(), messageId, emoji, caller)
                        .chain(removed -> removed
                                ? announce(change, Event.REACTION_REMOVED, message, emoji, caller)
                                : Uni.createFrom().voidItem())));
    }

    /** Who reacted to the message with the emoji, newest first. */
    public Uni<Page<Reactor>> reactors(long caller, long conversationId, long messageId, String rawEmoji,
            String cursor, int limit) {
        String emoji = Emoji.parse(rawEmoji);
        Keyset after = Keyset.after(cursor);
        return access.place(pool, conversationId, caller)
                .chain(place -> messages.one(pool, conversationId, messageId, caller))
                .onItem().ifNull().failWith(() -> Rules.messageNotFound(messageId))
                .chain(message -> reactions.reactors(messageId, emoji, after, limit + 1))
                .map(rows -> Page.of(rows, limit, reactor -> reactor,
                        reactor -> Keyset.cursorAfter(reactor.reactedAt(), reactor.userId())));
    }

    private Uni<Authored> locked(Change change, long caller, long conversationId, long messageId) {
        return locks.lock(change, caller, conversationId, messageId).invoke(message -> {
            if (message.deleted()) {
                throw Rules.messageDeleted();
            }
        });
    }

    private static Uni<Void> announce(Change change, String type, Authored message, String emoji, long userId) {
        return change.publish(new Event(type, message.conversationId(), message.seq(),
                new ReactionChange(message.id(), emoji, userId)));
    }
}
