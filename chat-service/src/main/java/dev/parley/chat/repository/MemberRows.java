package dev.parley.chat.repository;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The members of conversations, on the reactive client, through a pool or in a transaction. */
final class MemberRows {

    private MemberRows() {
    }

    /** Each conversation's members' user ids, in id order; a conversation without members is absent. */
    static Uni<Map<Long, List<Long>>> byConversation(SqlClient client, List<Long> conversationIds) {
        return client.preparedQuery("""
                SELECT conversation_id, user_id FROM chat.members WHERE conversation_id = ANY($1)
                 ORDER BY conversation_id, user_id""")
                .execute(Tuple.of(conversationIds.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, List<Long>> members = new HashMap<>();
                    for (Row row : rows) {
                        members.computeIfAbsent(row.getLong("conversation_id"), id -> new ArrayList<>())
                                .add(row.getLong("user_id"));
                    }
                    return members;
                });
    }
}
