package dev.parley.chat.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.parley.common.paging.Keyset;

/**
 * Messages of a user's conversations whose body matches a pattern ({@code chat.messages} with {@code chat.members}).
 * Plain SQL on the reactive client: the match is an ILIKE under an explicit ICU collation, served by V8's trigram
 * index, which HQL cannot express.
 */
@ApplicationScoped
public class SearchRepository {

    /** A matching message, with the body the snippet is cut from. */
    public record Hit(long conversationId, long messageId, long seq, long senderId, Instant createdAt, String body) {
    }

    // Starting from the user's memberships lets PostgreSQL read only their conversations' messages when trigrams
    // cannot narrow the search (a two-character query); with a rarer pattern it may take the trigram index instead.
    private static final String FIND = """
            SELECT m.conversation_id, m.id, m.seq, m.sender_id, m.created_at, m.body
              FROM chat.members me
              JOIN chat.messages m ON m.conversation_id = me.conversation_id
             WHERE me.user_id = $1
               AND m.deleted_at IS NULL
               AND m.body COLLATE "und-x-icu" ILIKE $2
            """;

    private final Pool pool;

    public SearchRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Newest first (by {@code created_at}, then id) after {@code position} (null: from the newest), at most
     * {@code limit}; only in {@code conversationId} when it is not null.
     *
     * @param pattern an ILIKE pattern, its {@code %}, {@code _} and {@code \} escaped where they are meant literally
     */
    public Uni<List<Hit>> find(long userId, Long conversationId, String pattern, Keyset position, int limit) {
        StringBuilder sql = new StringBuilder(FIND);
        List<Object> parameters = new ArrayList<>(List.of(userId, pattern));
        if (conversationId != null) {
            parameters.add(conversationId);
            sql.append(" AND me.conversation_id = $").append(parameters.size());
        }
        if (position != null) {
            parameters.add(position.time().atOffset(ZoneOffset.UTC));
            parameters.add(position.id());
            sql.append(" AND (m.created_at, m.id) < ($").append(parameters.size() - 1).append(", $")
                    .append(parameters.size()).append(')');
        }
        parameters.add(limit);
        sql.append(" ORDER BY m.created_at DESC, m.id DESC LIMIT $").append(parameters.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(parameters)).map(rows -> {
            List<Hit> hits = new ArrayList<>(rows.rowCount());
            for (Row row : rows) {
                hits.add(new Hit(row.getLong("conversation_id"), row.getLong("id"), row.getLong("seq"),
                        row.getLong("sender_id"), row.getOffsetDateTime("created_at").toInstant(),
                        row.getString("body")));
            }
            return hits;
        });
    }
}
