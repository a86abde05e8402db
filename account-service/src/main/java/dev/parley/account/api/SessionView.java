package dev.parley.account.api;

import java.time.Instant;

import dev.parley.account.Session;

/** One of the caller's active sessions; {@code current} marks the one the request's token belongs to. */
public record SessionView(long id, Instant createdAt, Instant lastUsedAt, Instant expiresAt, String userAgent,
        boolean current) {

    public static SessionView of(Session session, Long currentSessionId) {
        return new SessionView(session.id, session.createdAt, session.lastUsedAt, session.expiresAt,
                session.userAgent, session.id.equals(currentSessionId));
    }
}
