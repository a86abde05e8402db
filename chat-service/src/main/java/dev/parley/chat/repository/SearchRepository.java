package dev.parley.chat.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.parley.common.paging.Keyset;

/**
 * Messages of a user's conversations whose body matches a pattern ({@code chat.messages}, {@code chat.members}).
 * Plain SQL on the reactive client: the match lower-cases under an explicit ICU collation and is served by V8's trigram
 * index, which HQL cannot express.
 */
@ApplicationScoped
public class SearchRepository {

    /** A matching message, with the body the snippet is cut from. */
    public record Hit(long conversationId, long messageId, long seq, long senderId, Instant createdAt, String body) {
    }

    // The user's conversations are read first, as one array, so PostgreSQL reads only their messages in one bitmap,
    // narrowed by a single trigram lookup where that helps (three characters or more). Joined row by row instead, it
    // may repeat the trigram lookup once per conversation: 50 lookups of a common trigram took half a second. In one
    // conversation it knows it reads only that one's messages, and rarely needs trigrams.
    private static final String FIND = """
            SELECT m.conversation_id, m.id, m.seq, m.sender_id, m.created_at, m.body
              FROM chat.messages m
             WHERE %s
               AND m.deleted_at IS NULL
               AND lower(m.body COLLATE "und-x-icu") LIKE lower($2 COLLATE "und-x-icu")
            """;
    private static final String EVERYWHERE = """
            m.conversation_id = ANY (ARRAY(SELECT conversation_id FROM chat.members WHERE user_id = $1))""";
    private static final String IN_ONE = """
            m.conversation_id = $3
               AND EXISTS (SELECT 1 FROM chat.members WHERE conversation_id = $3 AND user_id = $1)""";

    // Each search is planned for its own pattern: a plan cached for any pattern (PostgreSQL's generic plan, chosen
    // after five executions of a prepared statement) looks trigrams up even for two characters, which have none, and
    // so reads the whole index (0.9 s over a million messages instead of 15 ms). Parallel workers cost more to start
    // than they save on one user's conversations.
    private static final String PLANNING = """
            SELECT set_config('plan_cache_mode', 'force_custom_plan', true),
                   set_config('max_parallel_workers_per_gather', '0', true)""";

    private final Pool pool;

    public SearchRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Newest first (by {@code created_at}, then id) after {@code position} (null: from the newest), at most
     * {@code limit}; only in {@code conversationId} when it is not null.
     *
     * @param pattern a LIKE pattern in either case, its {@code %}, {@code _} and {@code \} escaped where they are meant
     *        literally
     */
    public Uni<List<Hit>> find(long userId, Long conversationId, String pattern, Keyset position, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(userId, pattern));
        if (conversationId != null) {
            parameters.add(conversationId);
        }
        StringBuilder sql = new StringBuilder(FIND.formatted(conversationId == null ? EVERYWHERE : IN_ONE));
        if (position != null) {
            parameters.add(position.time().atOffset(ZoneOffset.UTC));
            parameters.add(position.id());
            sql.append(" AND (m.created_at, m.id) < ($").append(parameters.size() - 1).append(", $")
                    .append(parameters.size()).append(')');
        }
        parameters.add(limit);
        sql.append(" ORDER BY m.created_at DESC, m.id DESC LIMIT $").append(parameters.size());
        return pool.withTransaction(tx -> tx.query(PLANNING).execute()
                .chain(() -> tx.preparedQuery(sql.toString()).execute(Tuple.from(parameters))))
                .map(SearchRepository::hits);
    }

    private static List<Hit> hits(RowSet<Row> rows) {
        List<Hit> hits = new ArrayList<>(rows.rowCount());
        for (Row row : rows) {
            hits.add(new Hit(row.getLong("conversation_id"), row.getLong("id"), row.getLong("seq"),
                    row.getLong("sender_id"), row.getOffsetDateTime("created_at").toInstant(), row.getString("body")));
        }
        return hits;
    }
}
