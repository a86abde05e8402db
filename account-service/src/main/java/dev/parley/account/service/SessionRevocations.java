package dev.parley.account.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.account.Session;
import dev.parley.account.config.AccountConfig;
import dev.parley.account.repository.SessionRepository;
import dev.parley.common.events.Outbox;
import dev.parley.common.security.RevokedSessions;

/**
 * Ends sessions inside the caller's transaction and announces each on the account feed as
 * {@value RevokedSessions#REVOKED}, so every service (this one included) refuses the session's access tokens from
 * then on, not only once they expire.
 */
@ApplicationScoped
public class SessionRevocations {

    /** The event's data: {@code until} is when the session's last access token would have expired anyway. */
    public record SessionRevoked(long sessionId, long userId, Instant until) {
    }

    private final SessionRepository sessions;
    private final Outbox outbox;
    private final AccountConfig config;

    public SessionRevocations(SessionRepository sessions, Outbox outbox, AccountConfig config) {
        this.sessions = sessions;
        this.outbox = outbox;
        this.config = config;
    }

    /** Ends the session, unless it has ended already; the session must be locked by the caller. */
    public Uni<Void> revoke(Session session, Instant now) {
        if (session.revokedAt != null) {
            return Uni.createFrom().voidItem();
        }
        session.revokedAt = now;
        // Every access token of the session was issued by now, so none outlives now plus their lifetime.
        Instant until = now.plus(config.jwt().accessTokenTtl());
        return outbox.publish(RevokedSessions.REVOKED, Long.toString(session.id),
                new SessionRevoked(session.id, session.accountId, until));
    }

    /** Ends every session of the account that has not ended yet. */
    public Uni<Void> revokeAll(long accountId, Instant now) {
        return sessions.lockUnrevoked(accountId).chain(open -> revokeEach(open, now));
    }

    // One after the other: a Hibernate session runs one statement at a time.
    private Uni<Void> revokeEach(List<Session> open, Instant now) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (Session session : open) {
            done = done.chain(() -> revoke(session, now));
        }
        return done;
    }
}
