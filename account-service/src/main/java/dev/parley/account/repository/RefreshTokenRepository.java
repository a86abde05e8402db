package dev.parley.account.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;

import dev.parley.account.RefreshToken;

/** Refresh tokens by hash. */
@ApplicationScoped
@WithSession
public class RefreshTokenRepository implements PanacheRepositoryBase<RefreshToken, String> {
}
