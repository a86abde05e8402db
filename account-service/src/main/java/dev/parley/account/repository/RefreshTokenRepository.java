package dev.parley.account.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import dev.parley.account.RefreshToken;

/** Refresh tokens by hash. */
@ApplicationScoped
@WithSession
public class RefreshTokenRepository implements PanacheRepositoryBase<RefreshToken, String> {

    /** The session a token belongs to, or null; read as a value, so the token itself is loaded fresh later. */
    public Uni<Long> sessionIdOf(String tokenHash) {
        return getSession().chain(session -> session
                .createSelectionQuery("select sessionId from RefreshToken where tokenHash = ?1", Long.class)
                .setParameter(1, tokenHash)
                .getSingleResultOrNull());
    }

    /** The token row, read fresh and locked until the transaction ends. */
    public Uni<RefreshToken> lock(String tokenHash) {
        return findById(tokenHash, LockModeType.PESSIMISTIC_WRITE);
    }
}
