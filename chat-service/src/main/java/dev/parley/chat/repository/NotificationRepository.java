package dev.parley.chat.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.parley.chat.api.NotificationLevel;
import dev.parley.chat.api.NotificationSettings;

/**
 * What users want pushed: a level per conversation ({@code chat.conversation_notifications}) and their own settings
 * ({@code chat.notification_settings}). Plain SQL on the reactive client, sharing with the push planner the one
 * definition of a conversation's default level.
 */
@ApplicationScoped
public class NotificationRepository {

    /** Groups larger than this default to mentions only. */
    public static final int LARGE_GROUP = 20;

    /**
     * A member's level in SQL, given the conversation {@code c} and their row {@code n} of conversation_notifications
     * (null when they never chose): what they chose, else all for direct conversations and groups of up to
     * {@value #LARGE_GROUP} members, mentions in larger groups.
     */
    public static final String EFFECTIVE_LEVEL = """
            coalesce(n.level, CASE WHEN c.kind = 'group' AND (SELECT count(*) FROM chat.members g
                                                               WHERE g.conversation_id = c.id) > %d
                                   THEN 'mentions' ELSE 'all' END)""".formatted(LARGE_GROUP);

    private final Pool pool;

    public NotificationRepository(Pool pool) {
        this.pool = pool;
    }

    /** The member's level in the conversation, their own or the default. */
    public Uni<NotificationLevel> level(long conversationId, long userId) {
        return pool.preparedQuery("SELECT " + EFFECTIVE_LEVEL + """
                 AS level, n.muted_until FROM chat.conversations c
                  LEFT JOIN chat.conversation_notifications n ON n.conversation_id = c.id AND n.user_id = $2
                 WHERE c.id = $1""")
                .execute(Tuple.of(conversationId, userId))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new NotificationLevel(row.getString("level"), instant(row.getOffsetDateTime("muted_until")));
                });
    }

    public Uni<Void> setLevel(long conversationId, long userId, String level, Instant mutedUntil) {
        return pool.preparedQuery("""
                INSERT INTO chat.conversation_notifications (conversation_id, user_id, level, muted_until)
                VALUES ($1, $2, $3, $4)
                ON CONFLICT (conversation_id, user_id) DO UPDATE
                   SET level = EXCLUDED.level, muted_until = EXCLUDED.muted_until""")
                .execute(Tuple.tuple(Arrays.asList(conversationId, userId, level, offset(mutedUntil))))
                .replaceWithVoid();
    }

    /** The user's settings; the defaults when they never chose. */
    public Uni<NotificationSettings> settings(long userId) {
        return pool.preparedQuery("SELECT previews, quiet_until FROM chat.notification_settings WHERE user_id = $1")
                .execute(Tuple.of(userId))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return new NotificationSettings(true, null);
                    }
                    Row row = rows.iterator().next();
                    return new NotificationSettings(row.getBoolean("previews"),
                            instant(row.getOffsetDateTime("quiet_until")));
                });
    }

    public Uni<Void> setSettings(long userId, boolean previews, Instant quietUntil) {
        return pool.preparedQuery("""
                INSERT INTO chat.notification_settings (user_id, previews, quiet_until) VALUES ($1, $2, $3)
                ON CONFLICT (user_id) DO UPDATE SET previews = EXCLUDED.previews, quiet_until = EXCLUDED.quiet_until""")
                .execute(Tuple.tuple(Arrays.asList(userId, previews, offset(quietUntil))))
                .replaceWithVoid();
    }

    private static OffsetDateTime offset(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
