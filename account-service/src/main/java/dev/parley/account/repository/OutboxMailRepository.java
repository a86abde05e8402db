package dev.parley.account.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import dev.parley.account.OutboxMail;

/** The mail outbox. */
@ApplicationScoped
@WithSession
public class OutboxMailRepository implements PanacheRepository<OutboxMail> {

    /**
     * Mails due for delivery, locked for the rest of the transaction. A replica polling at the same moment waits for
     * the lock, then finds the rows no longer due (the lease moved them on) and leaves them alone.
     */
    public Uni<List<OutboxMail>> lockDue(Instant now, int limit) {
        return find("sentAt is null and failedAt is null and nextAttemptAt <= ?1 order by nextAttemptAt", now)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .range(0, limit - 1).list();
    }

    public Uni<Integer> markSent(long id, Instant now) {
        return update("sentAt = ?1, lastError = null where id = ?2", now, id);
    }

    public Uni<Integer> retryAt(long id, Instant next, String error) {
        return update("nextAttemptAt = ?1, lastError = ?2 where id = ?3", next, error, id);
    }

    public Uni<Integer> giveUp(long id, Instant now, String error) {
        return update("failedAt = ?1, lastError = ?2 where id = ?3", now, error, id);
    }

    /** Every mail to the address, sent or not: for an account that no longer exists. */
    public Uni<Long> deleteTo(String recipient) {
        return delete("recipient", recipient);
    }

    public Uni<Long> deleteSentBefore(Instant cutoff) {
        return delete("sentAt < ?1", cutoff);
    }
}
