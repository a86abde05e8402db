package dev.parley.account.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import dev.parley.account.PasswordReset;

/** Password reset permissions by token hash. */
@ApplicationScoped
@WithSession
public class PasswordResetRepository implements PanacheRepositoryBase<PasswordReset, String> {

    /** Every other open reset of the account stops working once one is used. */
    public Uni<Integer> closeAll(long accountId, Instant now) {
        return update("usedAt = ?1 where accountId = ?2 and usedAt is null", now, accountId);
    }

    public Uni<Long> deleteExpired(Instant cutoff) {
        return delete("expiresAt < ?1", cutoff);
    }
}
