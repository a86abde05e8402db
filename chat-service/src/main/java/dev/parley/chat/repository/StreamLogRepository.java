package dev.parley.chat.repository;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.parley.chat.api.MessageView;

/**
 * The stream log ({@code chat.stream_events}): events written by the transactions that make them, read back by
 * transaction id. Plain SQL on the reactive client: xid8 cursors and array columns have no Panache mapping.
 */
@ApplicationScoped
public class StreamLogRepository {

    /** A logged event: the frame, or for a new message its id; recipients null for the conversation's members. */
    public record Logged(long id, long xid, long conversationId, Long seq, String type, Long messageId, String frame,
            List<Long> recipients) {
    }

    /** An event to log: the frame sockets receive and who receives it. */
    public record NewEvent(long conversationId, Long seq, String type, String frame, List<Long> recipients) {
    }

    /** Where an event landed in the log. */
    public record Position(long id, long xid) {
    }

    private static final String LOGGED = """
            SELECT id, CAST(xid AS text) AS xid, conversation_id, seq, type, message_id, frame, recipients
              FROM chat.stream_events""";

    private final Pool pool;

    public StreamLogRepository(Pool pool) {
        this.pool = pool;
    }

    /** Logs an event in the current Hibernate transaction. */
    public Uni<Position> append(NewEvent event) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO chat.stream_events (conversation_id, seq, type, frame, recipients)
                VALUES (?1, ?2, ?3, ?4, CAST(CAST(?5 AS text) AS bigint[]))
                RETURNING CAST(id AS text) || ':' || CAST(xid AS text)""", String.class)
                .setParameter(1, event.conversationId())
                .setParameter(2, event.seq())
                .setParameter(3, event.type())
                .setParameter(4, event.frame())
                .setParameter(5, SqlArrays.literal(event.recipients()))
                .getSingleResult())
                .map(StreamLogRepository::position);
    }

    /** Logs an event in a transaction of the reactive client. */
    public Uni<Position> append(SqlConnection tx, NewEvent event) {
        return tx.preparedQuery("""
                INSERT INTO chat.stream_events (conversation_id, seq, type, frame, recipients)
                VALUES ($1, $2, $3, $4, $5) RETURNING id, CAST(xid AS text) AS xid""")
                .execute(Tuple.of(event.conversationId(), event.seq(), event.type(), event.frame(),
                        event.recipients().toArray(Long[]::new)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Position(row.getLong("id"), Long.parseLong(row.getString("xid")));
                });
    }

    /** Logs events in a transaction of the reactive client. */
    public Uni<Void> append(SqlConnection tx, List<NewEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = events.stream().map(e -> Tuple.of(e.conversationId(), e.seq(), e.type(), e.frame(),
                e.recipients().toArray(Long[]::new))).toList();
        return tx.preparedQuery("""
                INSERT INTO chat.stream_events (conversation_id, seq, type, frame, recipients)
                VALUES ($1, $2, $3, $4, $5)""").executeBatch(rows).replaceWithVoid();
    }

    /** The highest id logged so far (0 for none). */
    public Uni<Long> lastId() {
        return pool.query("SELECT coalesce(max(id), 0) AS id FROM chat.stream_events").execute()
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** Events after {@code afterId} of transactions from {@code sinceXid} on, in id order. */
    public Uni<List<Logged>> since(long afterId, long sinceXid, int limit) {
        return pool
                .preparedQuery(LOGGED + " WHERE id > $1 AND xid >= CAST(CAST($2 AS text) AS xid8) ORDER BY id LIMIT $3")
                .execute(Tuple.of(afterId, Long.toString(sinceXid), limit))
                .map(rows -> all(rows, StreamLogRepository::logged));
    }

    /** The events with these ids. */
    public Uni<List<Logged>> byIds(List<Long> ids) {
        return pool.preparedQuery(LOGGED + " WHERE id = ANY($1) ORDER BY id")
                .execute(Tuple.of(ids.toArray(Long[]::new)))
                .map(rows -> all(rows, StreamLogRepository::logged));
    }

    /** A conversation's messages logged by transactions from {@code sinceXid} on, below {@code beforeSeq}. */
    public Uni<List<MessageView>> newMessages(long conversationId, long sinceXid, long beforeSeq) {
        return pool.preparedQuery("SELECT " + MessageRows.columns(MessageRows.SHARED)
                + " FROM chat.stream_events e JOIN chat.messages m ON m.id = e.message_id" + MessageRows.REPLIES + """
                WHERE e.conversation_id = $1 AND e.message_id IS NOT NULL AND e.seq < $2
                  AND e.xid >= CAST(CAST($3 AS text) AS xid8)
                ORDER BY m.seq""")
                .execute(Tuple.of(conversationId, beforeSeq, Long.toString(sinceXid)))
                .map(rows -> all(rows, row -> MessageRows.view(row, false)));
    }

    /** A conversation's messages with seqs strictly between the two. */
    public Uni<List<MessageView>> messagesBetween(long conversationId, long afterSeq, long beforeSeq) {
        return pool.preparedQuery("SELECT " + MessageRows.columns(MessageRows.SHARED) + MessageRows.FROM
                + " WHERE m.conversation_id = $1 AND m.seq > $2 AND m.seq < $3 ORDER BY m.seq")
                .execute(Tuple.of(conversationId, afterSeq, beforeSeq))
                .map(rows -> all(rows, row -> MessageRows.view(row, false)));
    }

    /** The members of each of the conversations. */
    public Uni<Map<Long, List<Long>>> members(List<Long> conversationIds) {
        return MemberRows.byConversation(pool, conversationIds);
    }

    /** The members of the conversation, in a transaction. */
    public Uni<List<Long>> members(SqlConnection tx, long conversationId) {
        return MemberRows.byConversation(tx, List.of(conversationId))
                .map(members -> members.getOrDefault(conversationId, List.of()));
    }

    /**
     * Sends the payloads on the channel in a transaction of their own, which writes nothing else: PostgreSQL's
     * notify lock is then held for microseconds instead of across a commit's WAL flush.
     */
    public Uni<Void> notify(String channel, List<String> payloads) {
        return pool.preparedQuery("SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload")
                .execute(Tuple.of(channel, payloads.toArray(String[]::new))).replaceWithVoid();
    }

    /** Forgets events up to {@code id}; answers how many. */
    public Uni<Integer> prune(long id) {
        return pool.preparedQuery("DELETE FROM chat.stream_events WHERE id <= $1").execute(Tuple.of(id))
                .map(RowSet::rowCount);
    }

    private static Logged logged(Row row) {
        Long[] recipients = row.getArrayOfLongs("recipients");
        return new Logged(row.getLong("id"), Long.parseLong(row.getString("xid")), row.getLong("conversation_id"),
                row.getLong("seq"), row.getString("type"), row.getLong("message_id"), row.getString("frame"),
                recipients == null ? null : Arrays.asList(recipients));
    }

    private static Position position(String text) {
        int colon = text.indexOf(':');
        return new Position(Long.parseLong(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1)));
    }

    private static <T> List<T> all(RowSet<Row> rows, Function<Row, T> map) {
        List<T> items = new ArrayList<>(rows.rowCount());
        for (Row row : rows) {
            items.add(map.apply(row));
        }
        return items;
    }
}
