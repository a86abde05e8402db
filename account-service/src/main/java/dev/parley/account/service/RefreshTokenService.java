package dev.parley.account.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.parley.account.Account;
import dev.parley.account.RefreshToken;
import dev.parley.account.Session;
import dev.parley.account.api.RefreshRequest;
import dev.parley.account.api.TokenPair;
import dev.parley.account.config.AccountConfig;
import dev.parley.account.repository.AccountRepository;
import dev.parley.account.repository.RefreshTokenRepository;
import dev.parley.account.repository.SessionRepository;
import dev.parley.common.error.ApiException;
import dev.parley.common.time.Timestamps;
import dev.parley.common.validation.Input;

/**
 * Refresh tokens with rotation and reuse detection: every refresh replaces the token, and presenting a token that
 * was already replaced revokes its whole session (someone else has a copy).
 */
@ApplicationScoped
public class RefreshTokenService {

    static final String INVALID = "Invalid refresh token";

    private final SessionRepository sessions;
    private final RefreshTokenRepository tokens;
    private final AccountRepository accounts;
    private final AccessTokens accessTokens;
    private final SessionRevocations revocations;
    private final AccountConfig config;

    public RefreshTokenService(SessionRepository sessions, RefreshTokenRepository tokens, AccountRepository accounts,
            AccessTokens accessTokens, SessionRevocations revocations, AccountConfig config) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.accounts = accounts;
        this.accessTokens = accessTokens;
        this.revocations = revocations;
        this.config = config;
    }

    /** Starts a session for the account inside the caller's transaction and hands out its first token pair. */
    Uni<TokenPair> open(Account account, String userAgent, Instant now) {
        Session session = new Session();
        session.accountId = account.id;
        session.userAgent = userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), 256));
        session.createdAt = now;
        session.lastUsedAt = now;
        session.expiresAt = expiry(now, now);
        return sessions.persistAndFlush(session).chain(saved -> issue(account, saved, now));
    }

    public Uni<TokenPair> refresh(RefreshRequest request) {
        String token = request == null ? null : request.refreshToken();
        Input.required("refresh_token", token);
        // Rotation commits (including a revocation on reuse) before a refusal is answered.
        return rotate(token).map(pair -> {
            if (pair == null) {
                throw ApiException.unauthorized(INVALID);
            }
            return pair;
        });
    }

    /**
     * The new pair, or null when the token is unknown, expired, revoked or a replayed old one. The session is locked
     * before the token is read, so concurrent presentations of one token run one after another and every one after
     * the first sees it rotated: at most one rotation, and reuse revokes the session.
     */
    @WithTransaction
    Uni<TokenPair> rotate(String token) {
        Instant now = Timestamps.now();
        String hash = SecureTokens.hash(token);
        return tokens.sessionIdOf(hash).chain(sessionId -> sessionId == null
                ? Uni.createFrom().nullItem()
                : sessions.lock(sessionId).chain(session -> tokens.lock(hash).chain(presented -> {
                    if (presented == null || session == null || !session.isActive(now)) {
                        return Uni.createFrom().nullItem();
                    }
                    if (presented.rotatedAt != null) {
                        return revocations.revoke(session, now).map(revoked -> (TokenPair) null);
                    }
                    Instant expiry = expiry(session.createdAt, now);
                    if (!expiry.isAfter(now)) {
                        return Uni.createFrom().nullItem();
                    }
                    presented.rotatedAt = now;
                    session.lastUsedAt = now;
                    session.expiresAt = expiry;
                    return accounts.findById(session.accountId).chain(account -> issue(account, session, now));
                })));
    }

    /** Ends the session the token belongs to. Unknown tokens are ignored: logging out twice is not an error. */
    @WithTransaction
    public Uni<Void> logout(RefreshRequest request) {
        String token = request == null ? null : request.refreshToken();
        Input.required("refresh_token", token);
        Instant now = Timestamps.now();
        return tokens.findById(SecureTokens.hash(token))
                .chain(presented -> presented == null
                        ? Uni.createFrom().nullItem()
                        : sessions.lock(presented.sessionId))
                .chain(session -> session == null ? Uni.createFrom().voidItem() : revocations.revoke(session, now));
    }

    // A rotation extends the session by the refresh token's lifetime, but never past its absolute lifetime.
    private Instant expiry(Instant createdAt, Instant now) {
        Instant renewed = now.plus(config.sessions().refreshTokenTtl());
        Instant end = createdAt.plus(config.sessions().absoluteLifetime());
        return renewed.isBefore(end) ? renewed : end;
    }

    private Uni<TokenPair> issue(Account account, Session session, Instant now) {
        String refresh = SecureTokens.newToken();
        RefreshToken stored = new RefreshToken();
        stored.tokenHash = SecureTokens.hash(refresh);
        stored.sessionId = session.id;
        stored.issuedAt = now;
        return tokens.persist(stored).map(saved -> TokenPair.bearer(accessTokens.issue(account, session.id, now),
                accessTokens.lifetimeSeconds(), refresh));
    }
}
