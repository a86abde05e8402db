package dev.parley.account.service;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.account.FailedLogin;
import dev.parley.account.config.AccountConfig;
import dev.parley.account.repository.FailedLoginRepository;
import dev.parley.common.error.ApiException;

/**
 * Locks an email out after {@code parley.login.max-failures} failed logins within {@code parley.login.failure-window}.
 * The count lives in the database, so it holds whichever replica answers.
 */
@ApplicationScoped
public class LoginThrottle {

    private final FailedLoginRepository failures;
    private final AccountConfig config;

    public LoginThrottle(FailedLoginRepository failures, AccountConfig config) {
        this.failures = failures;
        this.config = config;
    }

    /** Fails with 429 and {@code Retry-After} while the email is locked out. */
    public Uni<Void> check(String email, Instant now) {
        int max = config.login().maxFailures();
        Duration window = config.login().failureWindow();
        return failures.recent(email, now.minus(window), max).invoke(recent -> {
            if (recent.size() >= max) {
                // Unlocked once the oldest of the last `max` failures leaves the window.
                Instant unlock = recent.get(recent.size() - 1).attemptedAt.plus(window);
                long seconds = (long) Math.ceil(Duration.between(now, unlock).toMillis() / 1000.0);
                throw ApiException.tooManyRequests("Too many failed logins; try again later", seconds);
            }
        }).replaceWithVoid();
    }

    public Uni<Void> recordFailure(String email, Instant now) {
        FailedLogin failure = new FailedLogin();
        failure.email = email;
        failure.attemptedAt = now;
        return failures.persist(failure).replaceWithVoid();
    }

    public Uni<Void> reset(String email) {
        return failures.clear(email).replaceWithVoid();
    }
}
