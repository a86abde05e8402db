package dev.parley.common.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * A service that verifies tokens with {@link PublishedKeys} is not ready until the first key set has arrived: without
 * it, it could only refuse every token. Where the keys are the service's own (account-service), it is always UP.
 */
@Readiness
@ApplicationScoped
public class PublishedKeysReadiness implements HealthCheck {

    private final Instance<PublishedKeys> keys;

    public PublishedKeysReadiness(Instance<PublishedKeys> keys) {
        this.keys = keys;
    }

    @Override
    public HealthCheckResponse call() {
        boolean known = !keys.isResolvable() || keys.get().known();
        return HealthCheckResponse.named("published-keys").status(known).build();
    }
}
