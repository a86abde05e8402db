package dev.parley.account.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.account.config.AccountConfig;
import dev.parley.common.error.ApiException;
import dev.parley.common.limits.RateLimiter;

/**
 * Locks out failed logins: {@code parley.login.failures-per-address} for one email from one client address, under a
 * ceiling of {@code parley.login.failures-per-email} from all addresses together, so an attacker elsewhere cannot lock
 * the owner out everywhere. Every attempt holds a slot in both before its password is checked, so parallel guesses
 * cannot slip past the count; an attempt that was not a failed login gives its slots back. Counted across replicas.
 */
@ApplicationScoped
public class LoginThrottle {

    static final String LOCKED = "Too many failed logins; try again later";
    private static final String PER_ADDRESS = "login-failures";
    private static final String PER_EMAIL = "login-failures-per-email";

    private final RateLimiter limiter;
    private final AccountConfig config;

    public LoginThrottle(RateLimiter limiter, AccountConfig config) {
        this.limiter = limiter;
        this.config = config;
    }

    /** Takes a slot for one attempt, or fails with 429 and {@code Retry-After} while either limit is full. */
    public Uni<Void> hold(String email, String address) {
        return limiter.attempt(PER_ADDRESS, subject(email, address), config.login().failuresPerAddress())
                .chain(perAddress -> {
                    if (!perAddress.allowed()) {
                        return Uni.createFrom().failure(locked(perAddress));
                    }
                    return limiter.attempt(PER_EMAIL, email, config.login().failuresPerEmail())
                            .chain(perEmail -> perEmail.allowed()
                                    ? Uni.createFrom().voidItem()
                                    : limiter.refund(PER_ADDRESS, subject(email, address))
                                            .chain(() -> Uni.createFrom().failure(locked(perEmail))));
                });
    }

    /** The attempt held was not a failed login. */
    public Uni<Void> release(String email, String address) {
        return limiter.refund(PER_ADDRESS, subject(email, address)).chain(() -> limiter.refund(PER_EMAIL, email));
    }

    /** A successful login forgets the address's failures; those from elsewhere still count against the email. */
    public Uni<Void> succeeded(String email, String address) {
        return limiter.clear(PER_ADDRESS, subject(email, address)).chain(() -> limiter.refund(PER_EMAIL, email));
    }

    /** After a password reset the email is locked out nowhere. */
    public Uni<Void> clear(String email) {
        return limiter.clearStartingWith(PER_ADDRESS, email + "|").chain(() -> limiter.clear(PER_EMAIL, email));
    }

    private static String subject(String email, String address) {
        return email + "|" + address;
    }

    private static ApiException locked(RateLimiter.Verdict verdict) {
        return ApiException.tooManyRequests(LOCKED, verdict.retryAfterSeconds());
    }
}
