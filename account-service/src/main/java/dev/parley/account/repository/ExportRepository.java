package dev.parley.account.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import dev.parley.account.DataExport;

/** Data exports: their progress through Panache, their documents in native SQL. */
@ApplicationScoped
@WithSession
public class ExportRepository implements PanacheRepository<DataExport> {

    /** The owner's export, or null when it does not exist or belongs to someone else. */
    public Uni<DataExport> findOwned(long id, long accountId) {
        return find("id = ?1 and accountId = ?2", id, accountId).firstResult();
    }

    /**
     * Pending exports due for gathering, locked for the rest of the transaction. A replica polling at the same moment
     * waits for the lock, then finds the rows no longer due (the lease moved them on) and leaves them alone.
     */
    public Uni<List<DataExport>> lockDue(Instant now, int limit) {
        return find("status = ?1 and nextAttemptAt <= ?2 order by nextAttemptAt", DataExport.PENDING, now)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .range(0, limit - 1).list();
    }

    /** Stores the document of a pending export and makes it ready; 0 when the export is gone. */
    public Uni<Integer> storeReady(long id, String document, Instant now, Instant expiresAt) {
        // Native: the document column is not mapped, so reading an export's progress never loads it.
        return getSession().chain(session -> session
                .createNativeQuery("update {h-schema}exports set document = :document, "
                        + "status = 'ready', ready_at = :now, expires_at = :expires, last_error = null "
                        + "where id = :id and status = 'pending'")
                .setParameter("document", document).setParameter("now", now).setParameter("expires", expiresAt)
                .setParameter("id", id).executeUpdate());
    }

    /** The document of the owner's ready export, or null. */
    public Uni<String> document(long id, long accountId, Instant now) {
        // Native: the document column is not mapped (see storeReady).
        return getSession().chain(session -> session
                .createNativeQuery("select document from {h-schema}exports where id = :id "
                        + "and account_id = :account and status = 'ready' and expires_at > :now", String.class)
                .setParameter("id", id).setParameter("account", accountId).setParameter("now", now)
                .getSingleResultOrNull());
    }

    public Uni<Integer> retryAt(long id, Instant next, String error) {
        return update("nextAttemptAt = ?1, lastError = ?2 where id = ?3 and status = ?4", next, error, id,
                DataExport.PENDING);
    }

    public Uni<Integer> giveUp(long id, String error) {
        return update("status = ?1, lastError = ?2 where id = ?3 and status = ?4", DataExport.FAILED, error, id,
                DataExport.PENDING);
    }

    /** Ready exports past their expiry, and failed ones created before the cutoff. */
    public Uni<Long> deleteExpired(Instant now, Instant failedBefore) {
        return delete("expiresAt <= ?1 or (status = ?2 and createdAt < ?3)", now, DataExport.FAILED, failedBefore);
    }
}
