package dev.parley.common.security;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** DOWN until this replica has read the revoked sessions, so it never takes a request with a revoked token for good. */
@Readiness
@ApplicationScoped
public class RevocationsReadiness implements HealthCheck {

    private final RevokedSessions sessions;
    private volatile boolean known;

    public RevocationsReadiness(RevokedSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public HealthCheckResponse call() {
        // Once read, a later outage of the feed leaves the replica ready: the lag alert reports it instead.
        known = known || sessions.known();
        return HealthCheckResponse.named("revocations").status(known).build();
    }
}
