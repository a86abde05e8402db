package dev.parley.chat.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.parley.chat.api.Reactor;
import dev.parley.common.paging.Keyset;

/**
 * Reactions, and each emoji's count on a message, which the transactions changing them keep under the message's row
 * lock. Plain SQL on the reactive client: a reaction and its count change in one statement.
 */
@ApplicationScoped
public class ReactionRepository {

    private final Pool pool;

    public ReactionRepository(Pool pool) {
        this.pool = pool;
    }

    /** The emoji the message has reactions with. */
    public Uni<List<String>> emojiOf(SqlConnection tx, long messageId) {
        return tx.preparedQuery("SELECT emoji FROM chat.reaction_totals WHERE message_id = $1")
                .execute(Tuple.of(messageId)).map(rows -> {
                    List<String> emoji = new ArrayList<>(rows.rowCount());
                    rows.forEach(row -> emoji.add(row.getString("emoji")));
                    return emoji;
                });
    }

    /** Adds the reaction and counts it; answers false when the user had already reacted so. */
    public Uni<Boolean> add(SqlConnection tx, long messageId, String emoji, long userId, Instant at) {
        return tx.preparedQuery("""
                WITH added AS (
                       INSERT INTO chat.reactions (message_id, emoji, user_id, created_at) VALUES ($1, $2, $3, $4)
                       ON CONFLICT DO NOTHING RETURNING message_id)
                INSERT INTO chat.reaction_totals (message_id, emoji, count, first_at)
                SELECT message_id, $2, 1, $4 FROM added
                ON CONFLICT (message_id, emoji) DO UPDATE SET count = chat.reaction_totals.count + 1""")
                .execute(Tuple.of(messageId, emoji, userId, at.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Removes the reaction and its count; answers false when the user had not reacted so. */
    public Uni<Boolean> remove(SqlConnection tx, long messageId, String emoji, long userId) {
        return tx.preparedQuery("DELETE FROM chat.reactions WHERE message_id = $1 AND emoji = $2 AND user_id = $3")
                .execute(Tuple.of(messageId, emoji, userId))
                .chain(rows -> rows.rowCount() == 0
                        ? Uni.createFrom().item(false)
                        // The last one takes the count away; otherwise it drops by one: each statement touches the
                        // row only in the case the other does not.
                        : tx.preparedQuery("""
                                WITH last AS (
                                       DELETE FROM chat.reaction_totals
                                        WHERE message_id = $1 AND emoji = $2 AND count = 1)
                                UPDATE chat.reaction_totals SET count = count - 1
                                 WHERE message_id = $1 AND emoji = $2 AND count > 1""")
                                .execute(Tuple.of(messageId, emoji)).replaceWith(true));
    }

    /** Who reacted with the emoji, newest first, after the position. */
    public Uni<List<Reactor>> reactors(long messageId, String emoji, Keyset after, int limit) {
        Tuple parameters = Tuple.of(messageId, emoji, limit);
        String condition = "";
        if (after != null) {
            parameters.addOffsetDateTime(after.time().atOffset(ZoneOffset.UTC)).addLong(after.id());
            condition = " AND (created_at, user_id) < ($4, $5)";
        }
        return pool.preparedQuery("SELECT user_id, created_at FROM chat.reactions WHERE message_id = $1 AND emoji = $2"
                + condition + " ORDER BY created_at DESC, user_id DESC LIMIT $3")
                .execute(parameters).map(rows -> {
                    List<Reactor> reactors = new ArrayList<>(rows.rowCount());
                    for (Row row : rows) {
                        reactors.add(new Reactor(row.getLong("user_id"),
                                row.getOffsetDateTime("created_at").toInstant()));
                    }
                    return reactors;
                });
    }
}
