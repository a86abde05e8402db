package dev.parley.chat.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One user's conversations and messages as a JSON document. Built by PostgreSQL in one statement: a user with tens of
 * thousands of messages is exported without loading an entity per message.
 */
@ApplicationScoped
public class ExportRepository {

    // Timestamps as clients see them elsewhere: ISO 8601 in UTC.
    private static final String ISO = "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'";

    private final Pool pool;

    public ExportRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * {@code {"conversations": [{"id", "kind", "title", "role", "joined_at"}], "messages": [{"id",
     * "conversation_id", "seq", "body", "reply_to", "mentions", "created_at", "edited_at", "deleted"}],
     * "reactions": [{"message_id", "emoji", "created_at"}], "pins": [{"message_id", "conversation_id",
     * "pinned_at"}], "devices": [{"device_id", "platform", "app_id", "locale", "created_at", "last_used_at"}],
     * "notification_settings": {"previews", "quiet_until"} or null, "conversation_notifications":
     * [{"conversation_id", "level", "muted_until"}]}}: every conversation the user is in, every message they wrote,
     * wherever it is, their reactions and pins, and their push devices (never a token) and notification choices.
     */
    public Uni<String> exportOf(long userId) {
        return pool.preparedQuery("SELECT json_build_object("
                + "'conversations', coalesce((SELECT json_agg(json_build_object('id', c.id, 'kind', c.kind,"
                + " 'title', c.title, 'role', m.role, 'joined_at', " + iso("m.joined_at") + ") ORDER BY c.id)"
                + " FROM chat.members m JOIN chat.conversations c ON c.id = m.conversation_id"
                + " WHERE m.user_id = $1), '[]'),"
                + " 'messages', coalesce((SELECT json_agg(json_build_object('id', id,"
                + " 'conversation_id', conversation_id, 'seq', seq, 'body', body, 'reply_to', reply_to_id,"
                + " 'mentions', mentions,"
                + " 'created_at', " + iso("created_at") + ", 'edited_at', " + iso("edited_at") + ","
                + " 'deleted', deleted_at IS NOT NULL) ORDER BY conversation_id, seq)"
                + " FROM chat.messages WHERE sender_id = $1), '[]'),"
                + " 'reactions', coalesce((SELECT json_agg(json_build_object('message_id', message_id,"
                + " 'emoji', emoji, 'created_at', " + iso("created_at") + ") ORDER BY created_at, message_id)"
                + " FROM chat.reactions WHERE user_id = $1), '[]'),"
                + " 'pins', coalesce((SELECT json_agg(json_build_object('message_id', message_id,"
                + " 'conversation_id', conversation_id, 'pinned_at', " + iso("pinned_at") + ")"
                + " ORDER BY pinned_at, message_id) FROM chat.pins WHERE pinned_by = $1), '[]'),"
                + " 'devices', coalesce((SELECT json_agg(json_build_object('device_id', device_id,"
                + " 'platform', platform, 'app_id', app_id, 'locale', locale, 'created_at', " + iso("created_at")
                + ", 'last_used_at', " + iso("last_used_at") + ") ORDER BY created_at, device_id)"
                + " FROM chat.devices WHERE user_id = $1), '[]'),"
                + " 'notification_settings', (SELECT json_build_object('previews', previews, 'quiet_until', "
                + iso("quiet_until") + ") FROM chat.notification_settings WHERE user_id = $1),"
                + " 'conversation_notifications', coalesce((SELECT json_agg(json_build_object('conversation_id',"
                + " conversation_id, 'level', level, 'muted_until', " + iso("muted_until") + ")"
                + " ORDER BY conversation_id) FROM chat.conversation_notifications WHERE user_id = $1), '[]'))"
                + "::text AS export")
                .execute(Tuple.of(userId)).map(rows -> rows.iterator().next().getString("export"));
    }

    private static String iso(String column) {
        return "to_char(" + column + " AT TIME ZONE 'UTC', " + ISO + ")";
    }
}
