package dev.parley.chat.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.parley.chat.api.AttachmentView;
import dev.parley.chat.api.ReplyPreview;

/**
 * Stores a batch of messages in one transaction of three statements, whatever its size: the conversations' rows are
 * locked in id order (so batches on several replicas never deadlock), then one statement checks membership (and, for
 * direct conversations, that the two may still write to each other), finds
 * resends of stored {@code client_message_id}s, numbers the new messages after each conversation's last seq, stores
 * them, moves the senders' read marks, logs them in the stream log and queues them for the push planner. Plain SQL on the reactive client: a writing
 * CTE over arrays has no Panache form.
 */
@ApplicationScoped
public class MessageBatchRepository {

    /**
     * A message to store; {@code index} tells the results apart. With {@code peerId}, a message into a direct
     * conversation is stored only while the peer is still in it and chat's copy of the relationships shows the two
     * as friends, neither blocking the other.
     */
    public record Submission(int index, long conversationId, long senderId, String body, String clientMessageId,
            Long peerId, Long replyTo, List<Long> mentions, List<Long> attachments) {
    }

    /**
     * What became of a submission: a new message with its seq, id and stream log id, the message stored earlier with
     * the same client id ({@code logId} null), or {@code refused} by the peer check. Submissions of non-members have
     * no result. {@code replyTo} is the quoted message of a new reply.
     */
    public record Stored(int index, long messageId, long seq, Long logId, List<Long> members, boolean refused,
            ReplyPreview replyTo, List<AttachmentView> attachments) {

        public boolean isNew() {
            return logId != null;
        }
    }

    /** The results of a batch and the transaction that stored it. */
    public record Batch(List<Stored> stored, long xid) {
    }

    private static final String STORE = """
            WITH input AS (
                   SELECT * FROM unnest($1::int[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $8::bigint[],
                                        $9::bigint[], $10::text[], $11::text[])
                            AS i(idx, conversation_id, sender_id, body, client_message_id, peer_id, reply_to_id,
                                 mentions, attachment_ids)),
                 checked AS (
                   SELECT i.*,
                          EXISTS (SELECT 1 FROM chat.members m
                                   WHERE m.conversation_id = i.conversation_id AND m.user_id = i.sender_id) AS member,
                          i.peer_id IS NULL
                          OR (EXISTS (SELECT 1 FROM chat.members m
                                       WHERE m.conversation_id = i.conversation_id AND m.user_id = i.peer_id)
                              AND EXISTS (SELECT 1 FROM chat.relationships r
                                           WHERE r.user_low = least(i.sender_id, i.peer_id)
                                             AND r.user_high = greatest(i.sender_id, i.peer_id)
                                             AND r.friends AND cardinality(r.blocked_by) = 0)) AS may_write
                     FROM input i),
                 allowed AS (
                   SELECT idx, conversation_id, sender_id, body, client_message_id, reply_to_id,
                          CAST(mentions AS bigint[]) AS mentions, CAST(attachment_ids AS bigint[]) AS attachment_ids
                     FROM checked
                    WHERE member AND may_write),
                 earlier AS (
                   SELECT a.idx, m.id, m.seq FROM allowed a JOIN chat.messages m
                       ON m.conversation_id = a.conversation_id AND m.sender_id = a.sender_id
                      AND m.client_message_id = a.client_message_id),
                 fresh AS (
                   SELECT a.*, c.last_seq + row_number() OVER (PARTITION BY a.conversation_id ORDER BY a.idx) AS seq
                     FROM allowed a JOIN chat.conversations c ON c.id = a.conversation_id
                    WHERE NOT EXISTS (SELECT 1 FROM earlier e WHERE e.idx = a.idx)),
                 bumped AS (
                   UPDATE chat.conversations c SET last_seq = f.top, last_activity_at = $6
                     FROM (SELECT conversation_id, max(seq) AS top FROM fresh GROUP BY conversation_id) f
                    WHERE c.id = f.conversation_id),
                 stored AS (
                   INSERT INTO chat.messages (conversation_id, seq, sender_id, body, client_message_id, created_at,
                                              reply_to_id, mentions)
                   SELECT conversation_id, seq, sender_id, body, client_message_id, $6, reply_to_id, mentions
                     FROM fresh
                   RETURNING id, conversation_id, seq),
                 mentioned AS (
                   INSERT INTO chat.mentions (conversation_id, user_id, seq)
                   SELECT f.conversation_id, u.user_id, f.seq FROM fresh f, unnest(f.mentions) AS u(user_id)
                   ON CONFLICT DO NOTHING),
                 marked AS (
                   UPDATE chat.members m SET last_read_seq = r.top,
                                             last_delivered_seq = greatest(m.last_delivered_seq, r.top)
                     FROM (SELECT conversation_id, sender_id, max(seq) AS top FROM fresh GROUP BY 1, 2) r
                    WHERE m.conversation_id = r.conversation_id AND m.user_id = r.sender_id
                      AND m.last_read_seq < r.top),
                 logged AS (
                   INSERT INTO chat.stream_events (conversation_id, seq, type, message_id)
                   SELECT conversation_id, seq, $7, id FROM stored
                   RETURNING id AS log_id, message_id),
                 queued AS (%s),
                 attached AS (
                   UPDATE chat.uploads u SET message_id = s.id, position = a.position
                     FROM fresh f JOIN stored s ON s.conversation_id = f.conversation_id AND s.seq = f.seq,
                          unnest(f.attachment_ids) WITH ORDINALITY AS a(upload_id, position)
                    WHERE u.id = a.upload_id AND u.user_id = f.sender_id AND u.conversation_id = f.conversation_id
                      AND u.status = 'ready' AND u.message_id IS NULL AND NOT u.doomed
                   RETURNING u.*)
            SELECT f.idx, s.id AS message_id, s.seq, l.log_id,
                   (SELECT array_agg(user_id) FROM chat.members WHERE conversation_id = f.conversation_id) AS members,
                   false AS refused, CAST(pg_current_xact_id() AS text) AS xid, r.id AS reply_id, r.seq AS reply_seq,
                   r.sender_id AS reply_sender_id, left(r.body, %d) AS reply_snippet,
                   r.deleted_at IS NOT NULL AS reply_deleted,
                   (SELECT json_agg(%s ORDER BY u.position) FROM attached u WHERE u.message_id = s.id)::text
                       AS attachments
              FROM fresh f JOIN stored s ON s.conversation_id = f.conversation_id AND s.seq = f.seq
              JOIN logged l ON l.message_id = s.id
              LEFT JOIN chat.messages r ON r.id = f.reply_to_id
            UNION ALL
            SELECT e.idx, e.id, e.seq, NULL, NULL, false, CAST(pg_current_xact_id() AS text),
                   NULL, NULL, NULL, NULL, NULL, NULL FROM earlier e
            UNION ALL
            SELECT c.idx, 0, 0, NULL, NULL, true, CAST(pg_current_xact_id() AS text),
                   NULL, NULL, NULL, NULL, NULL, NULL FROM checked c
             WHERE c.member AND NOT c.may_write""".formatted(PushJobRepository.QUEUE_STORED, MessageRows.SNIPPET,
            MessageRows.ATTACHMENT);

    /** Stores the submissions in the given transaction; {@code createdType} is the log's type for a new message. */
    public Uni<Batch> store(SqlConnection tx, List<Submission> submissions, Instant createdAt, String createdType) {
        Long[] conversations = submissions.stream().map(Submission::conversationId).distinct().sorted()
                .toArray(Long[]::new);
        Tuple input = Tuple.tuple(List.of(
                submissions.stream().map(Submission::index).toArray(Integer[]::new),
                submissions.stream().map(Submission::conversationId).toArray(Long[]::new),
                submissions.stream().map(Submission::senderId).toArray(Long[]::new),
                submissions.stream().map(Submission::body).toArray(String[]::new),
                submissions.stream().map(Submission::clientMessageId).toArray(String[]::new),
                createdAt.atOffset(ZoneOffset.UTC), createdType,
                submissions.stream().map(Submission::peerId).toArray(Long[]::new),
                submissions.stream().map(Submission::replyTo).toArray(Long[]::new),
                submissions.stream().map(s -> SqlArrays.literal(s.mentions())).toArray(String[]::new),
                submissions.stream().map(s -> SqlArrays.literal(s.attachments())).toArray(String[]::new)));
        return tx.preparedQuery("SELECT id FROM chat.conversations WHERE id = ANY($1) ORDER BY id FOR UPDATE")
                .execute(Tuple.of(conversations))
                .chain(() -> tx.preparedQuery(STORE).execute(input))
                .map(rows -> {
                    List<Stored> stored = new ArrayList<>(rows.rowCount());
                    long xid = 0;
                    for (Row row : rows) {
                        Long[] members = row.getArrayOfLongs("members");
                        stored.add(new Stored(row.getInteger("idx"), row.getLong("message_id"), row.getLong("seq"),
                                row.getLong("log_id"), members == null ? List.of() : Arrays.asList(members),
                                row.getBoolean("refused"), MessageRows.reply(row),
                                MessageRows.attachments(row.getString("attachments"))));
                        xid = Long.parseLong(row.getString("xid"));
                    }
                    return new Batch(stored, xid);
                });
    }
}
