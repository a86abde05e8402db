package dev.parley.chat.repository;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The push planner's work ({@code chat.push_jobs}) and what it finds to push. Plain SQL on the reactive client: jobs
 * are taken with {@code SKIP LOCKED} and planned in one statement joining members, their choices, sockets, blocks and
 * devices.
 */
@ApplicationScoped
public class PushJobRepository {

    /**
     * In the send batch's SQL: its stored messages (CTE {@code stored}) queued as one job, leaving out messages of
     * conversations where nobody has a device; no job when none is left.
     */
    public static final String QUEUE_STORED = """
            INSERT INTO chat.push_jobs (message_ids)
            SELECT array_agg(s.id) FROM stored s
             WHERE EXISTS (SELECT 1 FROM chat.members pm JOIN chat.devices pd ON pd.user_id = pm.user_id
                            WHERE pm.conversation_id = s.conversation_id)
            HAVING count(*) > 0""";

    /** A taken job: new messages, or a reader whose badge may have changed. */
    public record Job(long id, List<Long> messageIds, Long readerId) {
    }

    /** A device to push a new message to, with what the push says. */
    public record MessagePush(long userId, String deviceId, long conversationId, long messageId, long seq,
            long senderId, String kind, String title, String body, boolean previews, int badge) {
    }

    /** A device whose badge is out of date. */
    public record BadgePush(long userId, String deviceId, int badge) {
    }

    /** A push to queue. */
    public record Queued(UUID id, long userId, String deviceId, String payload, int badge) {
    }

    // A user's badge: their unread messages in all their conversations.
    private static final String BADGE = """
            (SELECT coalesce(sum(greatest(bc.last_seq - bm.last_read_seq, 0)), 0)::int
               FROM chat.members bm JOIN chat.conversations bc ON bc.id = bm.conversation_id
              WHERE bm.user_id = d.user_id)""";

    private static final String MESSAGE_PUSHES = "SELECT d.user_id, d.device_id, m.conversation_id, m.id, m.seq, "
            + "m.sender_id, c.kind, c.title, m.body, coalesce(s.previews, true) AS previews, " + BADGE + """
             AS badge
              FROM chat.messages m
              JOIN chat.conversations c ON c.id = m.conversation_id
              JOIN chat.members mb ON mb.conversation_id = m.conversation_id AND mb.user_id <> m.sender_id
              JOIN chat.devices d ON d.user_id = mb.user_id
              LEFT JOIN chat.conversation_notifications n
                     ON n.conversation_id = m.conversation_id AND n.user_id = mb.user_id
              LEFT JOIN chat.notification_settings s ON s.user_id = mb.user_id
             WHERE m.id = ANY($1) AND m.deleted_at IS NULL AND mb.last_read_seq < m.seq
               AND (n.muted_until IS NULL OR n.muted_until <= now())
               AND (s.quiet_until IS NULL OR s.quiet_until <= now())
               AND NOT EXISTS (SELECT 1 FROM chat.presence_sockets ps WHERE ps.user_id = mb.user_id)
               AND NOT EXISTS (SELECT 1 FROM chat.relationships r
                                WHERE r.user_low = least(mb.user_id, m.sender_id)
                                  AND r.user_high = greatest(mb.user_id, m.sender_id)
                                  AND mb.user_id = ANY(r.blocked_by))
               AND CASE\s""" + NotificationRepository.EFFECTIVE_LEVEL + """
                    WHEN 'all' THEN true WHEN 'mentions' THEN mb.user_id = ANY(m.mentions) ELSE false END
             ORDER BY m.id, d.user_id, d.device_id""";

    /** Queues a read by the user, when they have a device whose badge it may change. */
    public Uni<Void> queueRead(SqlConnection tx, long userId) {
        return tx.preparedQuery("""
                INSERT INTO chat.push_jobs (reader_id)
                SELECT $1 WHERE EXISTS (SELECT 1 FROM chat.devices WHERE user_id = $1)""")
                .execute(Tuple.of(userId)).replaceWithVoid();
    }

    /** Takes up to {@code limit} jobs no other planner holds; they are gone once the transaction commits. */
    public Uni<List<Job>> take(SqlConnection tx, int limit) {
        return tx.preparedQuery("""
                DELETE FROM chat.push_jobs WHERE id IN (
                    SELECT id FROM chat.push_jobs ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
                RETURNING id, message_ids, reader_id""")
                .execute(Tuple.of(limit))
                .map(rows -> all(rows, row -> {
                    Long[] messages = row.getArrayOfLongs("message_ids");
                    return new Job(row.getLong("id"), messages == null ? List.of() : Arrays.asList(messages),
                            row.getLong("reader_id"));
                }));
    }

    /**
     * The devices to push the messages to: each recipient's, unless they are the sender, have read it, are connected,
     * muted or quiet, blocked the sender, or chose a level the message does not meet.
     */
    public Uni<List<MessagePush>> messagePushes(SqlConnection tx, List<Long> messageIds) {
        return tx.preparedQuery(MESSAGE_PUSHES).execute(Tuple.of(messageIds.toArray(Long[]::new)))
                .map(rows -> all(rows, row -> new MessagePush(row.getLong("user_id"), row.getString("device_id"),
                        row.getLong("conversation_id"), row.getLong("id"), row.getLong("seq"),
                        row.getLong("sender_id"), row.getString("kind"), row.getString("title"),
                        row.getString("body"), row.getBoolean("previews"), row.getInteger("badge"))));
    }

    /** The readers' devices whose badge differs from their unread count now. */
    public Uni<List<BadgePush>> badgePushes(SqlConnection tx, List<Long> readers) {
        return tx.preparedQuery("SELECT d.user_id, d.device_id, b.badge FROM chat.devices d, LATERAL (SELECT " + BADGE
                + " AS badge) b WHERE d.user_id = ANY($1) AND d.badge IS DISTINCT FROM b.badge")
                .execute(Tuple.of(readers.toArray(Long[]::new)))
                .map(rows -> all(rows, row -> new BadgePush(row.getLong("user_id"), row.getString("device_id"),
                        row.getInteger("badge"))));
    }

    /** Queues the pushes (one already queued under its id stays as it is) and records each device's new badge. */
    public Uni<Void> queue(SqlConnection tx, List<Queued> pushes) {
        if (pushes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple columns = Tuple.of(pushes.stream().map(Queued::id).toArray(UUID[]::new),
                pushes.stream().map(Queued::userId).toArray(Long[]::new),
                pushes.stream().map(Queued::deviceId).toArray(String[]::new),
                pushes.stream().map(Queued::payload).toArray(String[]::new),
                pushes.stream().map(Queued::badge).toArray(Integer[]::new));
        return tx.preparedQuery("""
                WITH pushes AS (
                       SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[], $5::int[])
                                AS p(id, user_id, device_id, payload, badge)),
                     queued AS (
                       INSERT INTO chat.push_outbox (id, user_id, device_id, payload)
                       SELECT id, user_id, device_id, payload FROM pushes ON CONFLICT (id) DO NOTHING)
                UPDATE chat.devices d SET badge = p.badge FROM pushes p
                 WHERE d.user_id = p.user_id AND d.device_id = p.device_id""")
                .execute(columns).replaceWithVoid();
    }

    private static <T> List<T> all(RowSet<Row> rows, Function<Row, T> map) {
        List<T> items = new ArrayList<>(rows.rowCount());
        for (Row row : rows) {
            items.add(map.apply(row));
        }
        return items;
    }
}
