package dev.parley.common.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import dev.parley.common.internal.InternalClient;

/**
 * Starts a durable follower for every feed this service has {@link FeedHandler}s for, and lets a service watch a
 * feed in memory on every replica ({@link #watch}). A feed is read from its producer's internal port
 * ({@code parley.events.sources.<feed>.url}), or from the service's own outbox when it is the service's own feed.
 */
@ApplicationScoped
public class FeedFollowers {

    /** The tag of followers that apply a feed to the service's tables. */
    public static final String DURABLE = "durable";

    private final EventSettings settings;
    private final FeedStore store;
    private final LocalFeed local;
    private final InternalClient client;
    private final MeterRegistry metrics;
    private final Vertx vertx;
    private final Map<String, FeedFollower> followers = new ConcurrentHashMap<>();

    public FeedFollowers(EventSettings settings, FeedStore store, LocalFeed local, InternalClient client,
            MeterRegistry metrics, Vertx vertx) {
        this.settings = settings;
        this.store = store;
        this.local = local;
        this.client = client;
        this.metrics = metrics;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event, Instance<FeedHandler> handlers) {
        Map<String, List<FeedHandler>> byFeed = handlers.stream()
                .collect(Collectors.groupingBy(FeedHandler::feed));
        byFeed.forEach((feed, feedHandlers) -> follow(feed, DURABLE, null,
                new DurableApplier(feed, feedHandlers, store)));
    }

    void stop(@Observes ShutdownEvent event) {
        followers.values().forEach(FeedFollower::stop);
    }

    /**
     * Hands every event of {@code feed} from {@code since} on to {@code consumer}, on this replica, for as long as the
     * service runs; {@code follower} names it in the metrics.
     */
    public void watch(String feed, String follower, Instant since, Consumer<FeedEvent> consumer) {
        follow(feed, follower, since, new FeedFollower.Applier() {

            @Override
            public Uni<FeedCursor> start() {
                return Uni.createFrom().item(FeedCursor.START);
            }

            @Override
            public Uni<FeedFollower.Applied> apply(FeedPage page) {
                page.events().forEach(consumer);
                return Uni.createFrom().item(new FeedFollower.Applied(page.next(), page.events().size()));
            }
        });
    }

    /**
     * Whether this service's durable follower of {@code feed} has applied everything the feed held at its last read,
     * and that read succeeded: until then, what it keeps from the feed may be behind.
     */
    public boolean current(String feed) {
        FeedFollower follower = followers.get(key(feed, DURABLE));
        return follower != null && follower.current();
    }

    /** The same for an in-memory watch. */
    public boolean current(String feed, String follower) {
        FeedFollower found = followers.get(key(feed, follower));
        return found != null && found.current();
    }

    private void follow(String feed, String follower, Instant since, FeedFollower.Applier applier) {
        FeedFollower started = new FeedFollower(feed + "/" + follower, source(feed), applier, since,
                settings.longPoll(),
                new FollowerLag(metrics, feed, follower), vertx);
        if (followers.putIfAbsent(key(feed, follower), started) == null) {
            started.start();
        }
    }

    private FeedSource source(String feed) {
        if (settings.feed().filter(feed::equals).isPresent()) {
            return local;
        }
        EventSettings.Source source = settings.sources().get(feed);
        if (source == null) {
            throw new IllegalStateException("Feed " + feed + " is followed but parley.events.sources." + feed
                    + ".url is not set");
        }
        return new RemoteFeed(client, source.url());
    }

    private static String key(String feed, String follower) {
        return feed + "/" + follower;
    }
}
