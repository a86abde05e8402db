package dev.parley.chat.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The transaction-id cursor shared by {@code /v1/sync} and the stream log's reconciliation. Plain SQL on the reactive
 * client: xid8 has no Panache mapping.
 */
@ApplicationScoped
public class TransactionIds {

    private final Pool pool;

    public TransactionIds(Pool pool) {
        this.pool = pool;
    }

    /** The oldest transaction still running: every change by an older one is committed or gone. */
    public Uni<Long> oldestRunning() {
        return pool.query("SELECT CAST(pg_snapshot_xmin(pg_current_snapshot()) AS text) AS xmin").execute()
                .map(rows -> Long.parseLong(rows.iterator().next().getString("xmin")));
    }
}
