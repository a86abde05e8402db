package dev.parley.common.events;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.parley.common.error.ApiException;
import dev.parley.common.internal.InternalReplies;
import dev.parley.common.internal.InternalRoute;

/**
 * {@code GET /internal/v1/feed?after=&since=&wait=&limit=}: this service's events after a cursor, in order, waiting
 * up to {@code wait} seconds (at most 60) for the next one when there is none yet.
 */
@ApplicationScoped
public class FeedRoute implements InternalRoute {

    /** The route's path, for the clients that follow it. */
    public static final String PATH = "/internal/v1/feed";
    private static final long MAX_WAIT_SECONDS = 60;

    private final LocalFeed feed;
    private final EventSettings settings;

    public FeedRoute(LocalFeed feed, EventSettings settings) {
        this.feed = feed;
        this.settings = settings;
    }

    @Override
    public void mount(Router router, InternalReplies replies) {
        if (settings.feed().isEmpty()) {
            return;
        }
        router.get(PATH).handler(context -> {
            try {
                FeedCursor after = FeedCursor.parse(context.request().getParam("after"));
                Instant since = since(context);
                Duration wait = Duration.ofSeconds(number(context, "wait", 0, MAX_WAIT_SECONDS, 0));
                int limit = (int) number(context, "limit", 1, settings.batch(), settings.batch());
                replies.answer(context, feed.read(after, since, wait, limit));
            } catch (ApiException e) {
                replies.fail(context, e);
            }
        });
    }

    private static Instant since(RoutingContext context) {
        String text = context.request().getParam("since");
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("since must be an ISO-8601 instant");
        }
    }

    private static long number(RoutingContext context, String name, long min, long max, long absent) {
        String text = context.request().getParam(name);
        if (text == null) {
            return absent;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest(name + " must be a whole number from " + min + " to " + max);
    }
}
