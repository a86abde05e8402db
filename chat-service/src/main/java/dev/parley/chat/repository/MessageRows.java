package dev.parley.chat.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

import dev.parley.chat.api.AttachmentView;
import dev.parley.chat.api.MessageView;
import dev.parley.chat.api.ReactionCount;
import dev.parley.chat.api.ReplyPreview;

/**
 * The one reading of a message row as clients see it, with the message it replies to and its reactions: the columns
 * of {@link #columns} over {@link #FROM} (or {@link #REPLIES} joined to a query that names its messages {@code m}).
 */
final class MessageRows {

    /** Joins the message each message {@code m} replies to. */
    static final String REPLIES = " LEFT JOIN chat.messages r ON r.id = m.reply_to_id ";

    /** The messages, as {@code m}, with the messages they reply to. */
    static final String FROM = " FROM chat.messages m" + REPLIES;

    /** {@link #columns} for a view every member receives alike. */
    static final String SHARED = "NULL";

    /** An attachment, {@code u} a row of {@code chat.uploads}, as JSON that {@link #attachments} reads. */
    static final String ATTACHMENT = """
            json_build_object('id', u.id, 'filename', u.filename, 'content_type', u.content_type, 'size', u.size,
                              'width', u.width, 'height', u.height, 'thumbnail', u.has_thumbnail)""";

    /** How much of a quoted message's body a reply shows. */
    static final int SNIPPET = 200;

    private MessageRows() {
    }

    /**
     * The columns {@link #view} reads; {@code viewer} is the SQL of the reading user's id (a parameter), or
     * {@link #SHARED}.
     */
    static String columns(String viewer) {
        return """
                m.id, m.conversation_id, m.seq, m.sender_id, m.body, m.client_message_id, m.created_at, m.edited_at,
                m.deleted_at, m.mentions, r.id AS reply_id, r.seq AS reply_seq, r.sender_id AS reply_sender_id,
                left(r.body, %d) AS reply_snippet, r.deleted_at IS NOT NULL AS reply_deleted,
                ARRAY(SELECT t.emoji FROM chat.reaction_totals t WHERE t.message_id = m.id
                       ORDER BY t.first_at, t.emoji) AS reaction_emoji,
                ARRAY(SELECT t.count FROM chat.reaction_totals t WHERE t.message_id = m.id
                       ORDER BY t.first_at, t.emoji) AS reaction_counts,
                ARRAY(SELECT x.emoji FROM chat.reactions x WHERE x.message_id = m.id AND x.user_id = %s)
                    AS own_reactions,
                EXISTS (SELECT 1 FROM chat.pins pin WHERE pin.message_id = m.id) AS pinned,
                (SELECT json_agg(%s ORDER BY u.position) FROM chat.uploads u
                  WHERE u.message_id = m.id AND NOT u.doomed)::text AS attachments
                """.formatted(SNIPPET, viewer, ATTACHMENT);
    }

    /** The row as its reader sees it; {@code personal} false (read with {@link #SHARED}) leaves {@code me} null. */
    static MessageView view(Row row, boolean personal) {
        if (row.getValue("deleted_at") != null) {
            return new MessageView(row.getLong("id"), row.getLong("conversation_id"), row.getLong("seq"),
                    row.getLong("sender_id"), null, row.getString("client_message_id"),
                    instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("edited_at")), true,
                    null, List.of(), List.of(), false, List.of());
        }
        return new MessageView(row.getLong("id"), row.getLong("conversation_id"), row.getLong("seq"),
                row.getLong("sender_id"), row.getString("body"), row.getString("client_message_id"),
                instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("edited_at")), false,
                reply(row), Arrays.asList(row.getArrayOfLongs("mentions")), reactions(row, personal),
                row.getBoolean("pinned"), attachments(row.getString("attachments")));
    }

    /** The quoted message of a row read with the {@code reply_} columns of {@link #columns}; null for none. */
    static ReplyPreview reply(Row row) {
        if (row.getValue("reply_id") == null) {
            return null;
        }
        boolean deleted = row.getBoolean("reply_deleted");
        return new ReplyPreview(row.getLong("reply_id"), row.getLong("reply_seq"), row.getLong("reply_sender_id"),
                deleted ? "" : row.getString("reply_snippet"), deleted);
    }

    /** The attachments of a JSON array of {@link #ATTACHMENT}s; none for null. */
    static List<AttachmentView> attachments(String json) {
        if (json == null) {
            return List.of();
        }
        List<AttachmentView> attachments = new ArrayList<>();
        for (Object item : new JsonArray(json)) {
            JsonObject a = (JsonObject) item;
            attachments.add(AttachmentView.of(a.getLong("id"), a.getString("filename"), a.getString("content_type"),
                    a.getLong("size"), a.getInteger("width"), a.getInteger("height"), a.getBoolean("thumbnail")));
        }
        return attachments;
    }

    private static List<ReactionCount> reactions(Row row, boolean personal) {
        String[] emoji = row.getArrayOfStrings("reaction_emoji");
        if (emoji.length == 0) {
            return List.of();
        }
        Integer[] counts = row.getArrayOfIntegers("reaction_counts");
        Set<String> own = new HashSet<>(Arrays.asList(row.getArrayOfStrings("own_reactions")));
        List<ReactionCount> reactions = new ArrayList<>(emoji.length);
        for (int i = 0; i < emoji.length; i++) {
            reactions.add(new ReactionCount(emoji[i], counts[i], personal ? own.contains(emoji[i]) : null));
        }
        return reactions;
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
