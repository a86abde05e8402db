package dev.parley.chat.service;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import dev.parley.chat.api.NotificationLevel;
import dev.parley.chat.api.NotificationSettings;
import dev.parley.chat.repository.NotificationRepository;
import dev.parley.common.error.ApiException;
import dev.parley.common.validation.Input;

/** What a user wants pushed: per conversation (members only; others get 404) and for all their pushes. */
@ApplicationScoped
public class NotificationPreferences {

    private static final Set<String> LEVELS = Set.of("all", "mentions", "none");

    private final NotificationRepository notifications;
    private final ConversationAccess access;
    private final Pool pool;

    public NotificationPreferences(NotificationRepository notifications, ConversationAccess access, Pool pool) {
        this.notifications = notifications;
        this.access = access;
        this.pool = pool;
    }

    public Uni<NotificationLevel> level(long caller, long conversationId) {
        return access.place(pool, conversationId, caller)
                .chain(() -> notifications.level(conversationId, caller));
    }

    public Uni<NotificationLevel> setLevel(long caller, long conversationId, NotificationLevel body) {
        if (body == null) {
            throw Input.missing("level");
        }
        String level = Input.required("level", body.level());
        if (!LEVELS.contains(level)) {
            throw ApiException.badRequest("level must be all, mentions or none");
        }
        return access.place(pool, conversationId, caller)
                .chain(() -> notifications.setLevel(conversationId, caller, level, body.mutedUntil()))
                .chain(() -> notifications.level(conversationId, caller));
    }

    public Uni<NotificationSettings> settings(long caller) {
        return notifications.settings(caller);
    }

    public Uni<NotificationSettings> setSettings(long caller, NotificationSettings body) {
        if (body == null) {
            throw Input.missing("previews");
        }
        boolean previews = Input.required("previews", body.previews());
        return notifications.setSettings(caller, previews, body.quietUntil())
                .chain(() -> notifications.settings(caller));
    }
}
