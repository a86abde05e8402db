package dev.parley.common.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * account-service's published signing keys, by {@code kid}, kept in memory. They are fetched when the service starts
 * (and every second until that succeeds), again in the background every {@link KeySetSettings#refreshInterval()}, and
 * when a token names a key not in the set, at most every {@link KeySetSettings#unknownKeyRefetch()}. Fetches never run
 * on a request's thread: a token whose key is not known yet is refused until the fetch brings it. Selected, with
 * {@link PublishedKeyParser}, by the services that verify account-service's tokens.
 */
@Alternative
@ApplicationScoped
public class PublishedKeys {

    private static final Logger LOG = Logger.getLogger(PublishedKeys.class);
    private static final Duration UNTIL_FIRST_KEYS = Duration.ofSeconds(1);

    private final URI location;
    private final KeySetSettings settings;
    private final HttpClient http;
    private final AtomicLong lastUnknownKeyFetch = new AtomicLong();
    private volatile Map<String, PublicKey> keys = Map.of();
    private volatile CompletableFuture<Void> fetching = CompletableFuture.completedFuture(null);

    public PublishedKeys(@ConfigProperty(name = "mp.jwt.verify.publickey.location") String location,
            KeySetSettings settings) {
        this.location = URI.create(location);
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    // A replica that starts while account-service is up is ready with the keys; otherwise it keeps trying, every
    // second until the first key set arrives (without one it would refuse every token), then every refresh interval.
    void start(@Observes StartupEvent event, Vertx vertx) {
        try {
            fetch().get(settings.timeout().toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warnf("Signing keys not fetched at start (%s); retrying in the background", e.getMessage());
        }
        vertx.setPeriodic(settings.refreshInterval().toMillis(), id -> fetch());
        if (keys.isEmpty()) {
            vertx.setPeriodic(UNTIL_FIRST_KEYS.toMillis(), id -> {
                if (keys.isEmpty()) {
                    fetch();
                } else {
                    vertx.cancelTimer(id);
                }
            });
        }
    }

    /** The key with this id, if published; an unknown id fetches the set again unless that happened just now. */
    public Optional<PublicKey> find(String keyId) {
        PublicKey key = keys.get(keyId);
        if (key == null) {
            long now = System.nanoTime();
            long last = lastUnknownKeyFetch.get();
            if ((last == 0 || now - last >= settings.unknownKeyRefetch().toNanos())
                    && lastUnknownKeyFetch.compareAndSet(last, now)) {
                fetch();
            }
        }
        return Optional.ofNullable(key);
    }

    /** Whether a key set has arrived yet. */
    public boolean known() {
        return !keys.isEmpty();
    }

    /** Every key currently published. */
    public Map<String, PublicKey> all() {
        return keys;
    }

    synchronized CompletableFuture<Void> fetch() {
        if (!fetching.isDone()) {
            return fetching;
        }
        HttpRequest request = HttpRequest.newBuilder(location).timeout(settings.timeout()).GET().build();
        fetching = http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenAccept(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("key set answered " + response.statusCode());
            }
            keys = parse(response.body());
        }).exceptionally(failure -> {
            LOG.warnf("Fetching signing keys from %s failed: %s", location, failure.getMessage());
            return null;
        });
        return fetching;
    }

    static Map<String, PublicKey> parse(String json) {
        try {
            Map<String, PublicKey> found = new HashMap<>();
            for (JsonWebKey jwk : new JsonWebKeySet(json).getJsonWebKeys()) {
                if (jwk instanceof PublicJsonWebKey published && jwk.getKeyId() != null
                        && (jwk.getUse() == null || "sig".equals(jwk.getUse()))) {
                    found.put(jwk.getKeyId(), published.getPublicKey());
                }
            }
            return Map.copyOf(found);
        } catch (JoseException e) {
            throw new IllegalStateException("unreadable key set: " + e.getMessage(), e);
        }
    }
}
