package dev.parley.common.events;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import io.smallrye.mutiny.Uni;

import dev.parley.common.internal.InternalClient;

/** Another service's feed, read from its internal port. */
public class RemoteFeed implements FeedSource {

    private final InternalClient client;
    private final String url;

    public RemoteFeed(InternalClient client, String url) {
        this.client = client;
        this.url = url;
    }

    @Override
    public Uni<FeedPage> read(FeedCursor after, Instant since, Duration wait) {
        String query = "?after=" + after + "&wait=" + wait.toSeconds()
                + (since == null ? "" : "&since=" + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8));
        return client.get(url, FeedRoute.PATH + query, wait, FeedPage.class);
    }
}
