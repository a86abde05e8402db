package dev.parley.chat.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.parley.chat.api.MessageView;

/** Reads a message row of the reactive client as clients see it; the columns of {@link #COLUMNS}. */
final class MessageRows {

    /** The columns {@link #view} reads, prefixed with {@code m.}. */
    static final String COLUMNS = """
            m.id, m.conversation_id, m.seq, m.sender_id, m.body, m.client_message_id, m.created_at, m.edited_at,
            m.deleted_at
            """;

    private MessageRows() {
    }

    /** The messages with these ids, through a pool or in a transaction. */
    static Uni<List<MessageView>> byIds(SqlClient client, List<Long> ids) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM chat.messages m WHERE m.id = ANY($1)")
                .execute(Tuple.of(ids.toArray(Long[]::new)))
                .map(rows -> {
                    List<MessageView> views = new ArrayList<>(rows.rowCount());
                    rows.forEach(row -> views.add(view(row)));
                    return views;
                });
    }

    static MessageView view(Row row) {
        boolean deleted = row.getValue("deleted_at") != null;
        return new MessageView(row.getLong("id"), row.getLong("conversation_id"), row.getLong("seq"),
                row.getLong("sender_id"), deleted ? null : row.getString("body"), row.getString("client_message_id"),
                instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("edited_at")), deleted);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
