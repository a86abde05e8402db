package dev.parley.common.security;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

import dev.parley.common.events.FeedEvent;
import dev.parley.common.events.FeedFollowers;

/**
 * The sessions revoked before their access tokens expired, in memory on every replica, from account-service's
 * {@value #REVOKED} events: read back {@link RevocationSettings#lookBack()} when the replica starts, then as they
 * come. A session stays here only until its last access token would have expired anyway.
 */
@ApplicationScoped
public class RevokedSessions {

    /** The event type account-service publishes, with {@code session_id}, {@code user_id} and {@code until}. */
    public static final String REVOKED = "session.revoked";
    /** The follower's name in the metrics. */
    public static final String FOLLOWER = "revocations";

    /** One revoked session: whose it was and until when its tokens could have been used. */
    public record Revocation(long sessionId, long userId, Instant until) {
    }

    private final RevocationSettings settings;
    private final FeedFollowers followers;
    private final Map<Long, Instant> revoked = new ConcurrentHashMap<>();
    private final List<Consumer<Revocation>> listeners = new CopyOnWriteArrayList<>();

    public RevokedSessions(RevocationSettings settings, FeedFollowers followers) {
        this.settings = settings;
        this.followers = followers;
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        followers.watch(settings.feed(), FOLLOWER, Instant.now().minus(settings.lookBack()), this::accept);
        vertx.setPeriodic(60_000, id -> forgetExpired(Instant.now()));
    }

    /** Whether the session's access tokens must be refused. */
    public boolean isRevoked(long sessionId) {
        Instant until = revoked.get(sessionId);
        return until != null && until.isAfter(Instant.now());
    }

    /** Whether every revocation up to the feed's last read is known. */
    public boolean known() {
        return followers.current(settings.feed(), FOLLOWER);
    }

    /** Calls {@code listener} for each revocation that arrives from now on (e.g. to close the session's sockets). */
    public void onRevoked(Consumer<Revocation> listener) {
        listeners.add(listener);
    }

    void accept(FeedEvent event) {
        if (!REVOKED.equals(event.type())) {
            return;
        }
        JsonNode data = event.data();
        Revocation revocation = new Revocation(data.path("session_id").asLong(), data.path("user_id").asLong(),
                Instant.parse(data.path("until").asText()));
        if (revocation.until().isAfter(Instant.now())) {
            revoked.merge(revocation.sessionId(), revocation.until(), (a, b) -> a.isAfter(b) ? a : b);
            listeners.forEach(listener -> listener.accept(revocation));
        }
    }

    void forgetExpired(Instant now) {
        revoked.values().removeIf(until -> !until.isAfter(now));
    }
}
