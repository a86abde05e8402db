package dev.parley.common.events;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Applies another service's events to this service's own tables, once per service (whichever replica gets there
 * first). {@link #apply} runs inside the transaction that also records how far the feed has been applied, so an
 * effect and its position commit together; an event may still arrive again after a crash, so applying it twice must
 * change nothing more.
 */
public interface FeedHandler {

    /** The feed this handler follows, by the name its producer publishes it under (e.g. {@code account}). */
    String feed();

    Uni<Void> apply(SqlConnection tx, FeedEvent event);
}
