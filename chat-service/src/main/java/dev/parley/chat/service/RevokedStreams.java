package dev.parley.chat.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;

import dev.parley.common.security.RevokedSessions;

/**
 * Ends the streams of revoked sessions: when account-service revokes a session (a sign-out, a password change),
 * every replica closes that session's open sockets with 1008 {@code revoked}; its token would be refused from then
 * on anyway, so the client has to sign in again.
 */
@ApplicationScoped
public class RevokedStreams {

    static final CloseReason REVOKED = new CloseReason(1008, "revoked");

    private final RevokedSessions sessions;
    private final Connections connections;

    public RevokedStreams(RevokedSessions sessions, Connections connections) {
        this.sessions = sessions;
        this.connections = connections;
    }

    void start(@Observes StartupEvent event) {
        sessions.onRevoked(revoked -> connections.closeSession(revoked.userId(), revoked.sessionId(), REVOKED));
    }

    /**
     * For a socket that just opened: closes it when its session was revoked after the token was checked, since the
     * revocation may have arrived before the socket was there to be closed.
     */
    public void closeIfRevoked(long userId, Long sessionId) {
        if (sessionId != null && sessions.isRevoked(sessionId)) {
            connections.closeSession(userId, sessionId, REVOKED);
        }
    }

    /** The session ({@code sid}) the token belongs to, or null when it names none. */
    public static Long sessionOf(JsonWebToken token) {
        Object sid = token.getClaim("sid");
        try {
            return sid == null ? null : Long.valueOf(sid.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
