package dev.parley.common.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.vertx.ext.web.Router;

/** {@code GET /internal/v1/users/{id}/export}: what this service holds about a user, for account-service's export. */
@ApplicationScoped
public class ExportRoute implements InternalRoute {

    /** The route's path, with {@code :id} for the user. */
    public static final String PATH = "/internal/v1/users/:id/export";

    private final Instance<UserDataExport> export;

    public ExportRoute(Instance<UserDataExport> export) {
        this.export = export;
    }

    /** The path for one user, for callers. */
    public static String pathOf(long userId) {
        return PATH.replace(":id", Long.toString(userId));
    }

    @Override
    public void mount(Router router, InternalReplies replies) {
        if (!export.isResolvable()) {
            return;
        }
        router.get(PATH).handler(context -> {
            long userId;
            try {
                userId = Long.parseLong(context.pathParam("id"));
            } catch (NumberFormatException e) {
                replies.error(context, 400, "Invalid user id");
                return;
            }
            replies.answer(context, export.get().exportOf(userId));
        });
    }
}
