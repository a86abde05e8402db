package dev.parley.chat.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Uploads ({@code chat.uploads}) and what each user has stored ({@code chat.storage_usage}). Plain SQL on the reactive
 * client: a reservation checks and moves the user's usage in the statement that records the upload.
 */
@ApplicationScoped
public class UploadRepository {

    /** An upload as stored. */
    public record Upload(long id, String objectName, long userId, long conversationId, String filename,
            String contentType, long size, boolean ready, Integer width, Integer height, boolean thumbnail,
            Long messageId) {
    }

    /** A new upload: its id and the random part of its objects' names. */
    public record Reservation(long id, String objectName) {
    }

    /** An upload the sweeper deletes, with what it holds in the store. */
    public record Doomed(long id, String objectName, long userId, long size, boolean thumbnail) {
    }

    private static final String UPLOAD = """
            SELECT id, object_name, user_id, conversation_id, filename, content_type, size, status = 'ready' AS ready, width, height,
                   has_thumbnail, message_id FROM chat.uploads""";

    private final Pool pool;

    public UploadRepository(Pool pool) {
        this.pool = pool;
    }

    /** Records a new upload and reserves its bytes; null when that would take the user past {@code quota}. */
    public Uni<Reservation> reserve(long userId, long conversationId, String filename, String contentType, long size,
            long quota) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                INSERT INTO chat.storage_usage AS u (user_id, bytes) VALUES ($1, $2)
                ON CONFLICT (user_id) DO UPDATE SET bytes = u.bytes + EXCLUDED.bytes WHERE u.bytes + EXCLUDED.bytes <= $3
                RETURNING bytes""").execute(Tuple.of(userId, size, quota))
                .chain(usage -> usage.rowCount() == 0
                        ? Uni.createFrom().nullItem()
                        : tx.preparedQuery("""
                                INSERT INTO chat.uploads (user_id, conversation_id, filename, content_type, size)
                                VALUES ($1, $2, $3, $4, $5) RETURNING id, object_name""")
                                .execute(Tuple.of(userId, conversationId, filename, contentType, size))
                                .map(rows -> {
                                    Row row = rows.iterator().next();
                                    return new Reservation(row.getLong("id"), row.getString("object_name"));
                                })));
    }

    /** The upload, or null. */
    public Uni<Upload> find(long id) {
        return pool.preparedQuery(UPLOAD + " WHERE id = $1 AND NOT doomed").execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 0 ? null : upload(rows.iterator().next()));
    }

    /**
     * The upload is checked: its real type, an image's size and whether it has a thumbnail, and its size as stored
     * now (an image rewritten without its metadata), the owner's usage moving by the difference.
     */
    public Uni<Void> ready(long id, String contentType, Integer width, Integer height, boolean thumbnail, long size) {
        return pool.preparedQuery("""
                WITH before AS (SELECT user_id, size FROM chat.uploads WHERE id = $1 FOR UPDATE),
                     changed AS (
                       UPDATE chat.uploads SET status = 'ready', content_type = $2, width = $3, height = $4,
                                               has_thumbnail = $5, size = $6
                        WHERE id = $1)
                UPDATE chat.storage_usage s SET bytes = s.bytes + $6 - b.size FROM before b
                 WHERE s.user_id = b.user_id""")
                .execute(Tuple.tuple(Arrays.asList(id, contentType, width, height, thumbnail, size)))
                .replaceWithVoid();
    }

    /** Forgets the upload and gives its bytes back to its owner. */
    public Uni<Void> forget(long id) {
        return pool.withTransaction(tx -> tx.preparedQuery(
                "DELETE FROM chat.uploads WHERE id = $1 RETURNING user_id, size").execute(Tuple.of(id))
                .chain(rows -> rows.rowCount() == 0
                        ? Uni.createFrom().voidItem()
                        : tx.preparedQuery("UPDATE chat.storage_usage SET bytes = bytes - $2 WHERE user_id = $1")
                                .execute(Tuple.of(rows.iterator().next().getLong("user_id"),
                                        rows.iterator().next().getLong("size")))
                                .replaceWithVoid()));
    }

    /** Of these uploads, how many the user may attach to a message in the conversation: theirs, ready, free. */
    public Uni<Integer> attachable(SqlClient client, List<Long> ids, long userId, long conversationId) {
        return client.preparedQuery("""
                SELECT count(*) AS n FROM chat.uploads
                 WHERE id = ANY($1) AND user_id = $2 AND conversation_id = $3 AND status = 'ready'
                   AND message_id IS NULL AND NOT doomed""")
                .execute(Tuple.of(ids.toArray(Long[]::new), userId, conversationId))
                .map(rows -> rows.iterator().next().getLong("n").intValue());
    }

    /** The upload, when the viewer may download it: its owner, or a member of its message's conversation. */
    public Uni<Upload> visible(long id, long viewer) {
        return pool.preparedQuery(UPLOAD + " u WHERE u.id = $1 AND u.status = 'ready' AND NOT u.doomed"
                + " AND (u.user_id = $2 OR (u.message_id IS NOT NULL AND EXISTS (SELECT 1 FROM chat.members m"
                + " WHERE m.conversation_id = u.conversation_id AND m.user_id = $2)))")
                .execute(Tuple.of(id, viewer))
                .map(rows -> rows.rowCount() == 0 ? null : upload(rows.iterator().next()));
    }

    /** Uploads to delete now: doomed ones, and those never attached for longer than {@code orphanAfter}. */
    public Uni<List<Doomed>> sweepable(Duration orphanAfter, int limit) {
        return pool.preparedQuery("""
                SELECT id, object_name, user_id, size, has_thumbnail FROM chat.uploads
                 WHERE doomed OR (message_id IS NULL AND created_at < now() - $1 * interval '1 millisecond')
                 ORDER BY id LIMIT $2""")
                .execute(Tuple.of(orphanAfter.toMillis(), limit))
                .map(rows -> {
                    List<Doomed> doomed = new ArrayList<>(rows.rowCount());
                    rows.forEach(row -> doomed.add(new Doomed(row.getLong("id"), row.getString("object_name"),
                            row.getLong("user_id"), row.getLong("size"), row.getBoolean("has_thumbnail"))));
                    return doomed;
                });
    }

    /** Dooms the attachments of the messages (deleted messages), in the deleting transaction. */
    public Uni<Void> doomMessages(SqlClient tx, List<Long> messageIds) {
        return tx.preparedQuery("UPDATE chat.uploads SET doomed = true WHERE message_id = ANY($1)")
                .execute(Tuple.of(messageIds.toArray(Long[]::new))).replaceWithVoid();
    }

    /** Dooms everything the user uploaded (a deleted account), in the erasing transaction. */
    public Uni<Void> doomUser(SqlClient tx, long userId) {
        return tx.preparedQuery("UPDATE chat.uploads SET doomed = true WHERE user_id = $1").execute(Tuple.of(userId))
                .replaceWithVoid();
    }

    /** Bytes stored by everyone, for the metric. */
    public Uni<Long> storedBytes() {
        return pool.query("SELECT coalesce(sum(bytes), 0)::bigint AS bytes FROM chat.storage_usage").execute()
                .map(rows -> rows.iterator().next().getLong("bytes"));
    }

    private static Upload upload(Row row) {
        return new Upload(row.getLong("id"), row.getString("object_name"), row.getLong("user_id"),
                row.getLong("conversation_id"),
                row.getString("filename"), row.getString("content_type"), row.getLong("size"),
                row.getBoolean("ready"), row.getInteger("width"), row.getInteger("height"),
                row.getBoolean("has_thumbnail"), row.getLong("message_id"));
    }
}
