package dev.parley.account.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

import dev.parley.account.Session;

/** Login sessions. */
@ApplicationScoped
@WithSession
public class SessionRepository implements PanacheRepository<Session> {

    /** The session row, locked until the transaction ends, so two refreshes of one session run one after another. */
    public Uni<Session> lock(long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<List<Session>> listActive(long accountId, Instant now, Long afterId, int limit) {
        Parameters parameters = Parameters.with("account", accountId).and("now", now);
        String after = "";
        if (afterId != null) {
            after = " and id < :after";
            parameters = parameters.and("after", afterId);
        }
        return find("accountId = :account and revokedAt is null and expiresAt > :now" + after + " order by id desc",
                parameters).range(0, limit - 1).list();
    }

    /** The account's sessions that have not been revoked (expired ones too), locked until the transaction ends. */
    public Uni<List<Session>> lockUnrevoked(long accountId) {
        return find("accountId = ?1 and revokedAt is null order by id", accountId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public Uni<List<Session>> listAll(long accountId) {
        return find("accountId = ?1 order by id", accountId).list();
    }

    public Uni<Long> deleteExpired(Instant cutoff) {
        return delete("expiresAt < ?1 or revokedAt < ?1", cutoff);
    }
}
