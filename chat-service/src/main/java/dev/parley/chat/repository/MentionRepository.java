package dev.parley.chat.repository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Mentions of members, counted above their read marks. Plain SQL on the reactive client: the count is one index
 * range per conversation, joined to the member's current read mark.
 */
@ApplicationScoped
public class MentionRepository {

    private final Pool pool;

    public MentionRepository(Pool pool) {
        this.pool = pool;
    }

    /** How many messages above the user's read mark mention them, in each of the conversations that have any. */
    public Uni<Map<Long, Long>> unread(long userId, List<Long> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("""
                SELECT x.conversation_id, count(*) AS unread
                  FROM chat.mentions x
                  JOIN chat.members m ON m.conversation_id = x.conversation_id AND m.user_id = x.user_id
                 WHERE x.user_id = $1 AND x.conversation_id = ANY($2) AND x.seq > m.last_read_seq
                 GROUP BY x.conversation_id""")
                .execute(Tuple.of(userId, conversationIds.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, Long> unread = new HashMap<>();
                    for (Row row : rows) {
                        unread.put(row.getLong("conversation_id"), row.getLong("unread"));
                    }
                    return unread;
                });
    }
}
