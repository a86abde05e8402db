package dev.parley.common.security;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/** Refuses an access token whose session ({@code sid}) has been revoked, like an expired one: 401. */
@ApplicationScoped
public class RevocationCheck implements SecurityIdentityAugmentor {

    private final RevokedSessions sessions;

    public RevocationCheck(RevokedSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken token && isRevoked(token)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Session revoked"));
        }
        return Uni.createFrom().item(identity);
    }

    /** Whether the token belongs to a revoked session. */
    public boolean isRevoked(JsonWebToken token) {
        Object sid = token.getClaim("sid");
        if (sid == null) {
            return false;
        }
        try {
            return sessions.isRevoked(Long.parseLong(sid.toString()));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
