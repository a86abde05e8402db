package dev.parley.account.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.parley.account.api.Credentials;
import dev.parley.account.api.SessionView;
import dev.parley.account.api.TokenPair;
import dev.parley.account.repository.AccountRepository;
import dev.parley.account.repository.SessionRepository;
import dev.parley.account.service.RequestLimits.Route;
import dev.parley.common.error.ApiException;
import dev.parley.common.paging.Cursor;
import dev.parley.common.paging.Page;
import dev.parley.common.time.Timestamps;
import dev.parley.common.validation.Input;

/** Login, the caller's sessions and their revocation. Refresh and logout live in {@link RefreshTokenService}. */
@ApplicationScoped
public class SessionService {

    static final String INVALID_CREDENTIALS = "Invalid email or password";
    private static final String WRONG_PASSWORD = "invalid_credentials";

    private final AccountRepository accounts;
    private final SessionRepository sessions;
    private final RefreshTokenService refreshTokens;
    private final SessionRevocations revocations;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final RequestLimits limits;
    private final MeterRegistry registry;

    public SessionService(AccountRepository accounts, SessionRepository sessions, RefreshTokenService refreshTokens,
            SessionRevocations revocations, PasswordHasher hasher, LoginThrottle throttle, RequestLimits limits,
            MeterRegistry registry) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.revocations = revocations;
        this.hasher = hasher;
        this.throttle = throttle;
        this.limits = limits;
        this.registry = registry;
    }

    /**
     * Checks the password only once the attempt holds a slot in the lockout, so parallel guesses are evaluated at
     * most as often as the lockout allows.
     */
    public Uni<TokenPair> login(Credentials request, String userAgent, String address) {
        Credentials body = request == null ? new Credentials(null, null) : request;
        Input.required("email", body.email());
        Input.required("password", body.password());
        String email = AccountRules.email(body.email());
        return limits.enforce(Route.LOGINS, address)
                .chain(() -> throttle.hold(email, address)
                        .onFailure(e -> e instanceof ApiException api && api.status() == 429)
                        .invoke(e -> count("locked")))
                .chain(() -> attempt(email, body.password(), userAgent)
                        .onFailure().call(() -> throttle.release(email, address)))
                .call(outcome -> settle(outcome, email, address))
                .map(outcome -> {
                    count(outcome.name());
                    return outcome.tokensOrThrow();
                });
    }

    @WithTransaction
    Uni<LoginOutcome> attempt(String email, String password, String userAgent) {
        Instant now = Timestamps.now();
        return accounts.findByEmail(email)
                .chain(account -> hasher.matches(password, account == null ? null : account.passwordHash)
                        .chain(matches -> {
                            if (!matches) {
                                return Uni.createFrom().item(LoginOutcome.failure(WRONG_PASSWORD,
                                        ApiException.unauthorized(INVALID_CREDENTIALS)));
                            }
                            if (!account.verified) {
                                return Uni.createFrom().item(LoginOutcome.failure("unverified",
                                        ApiException.forbidden("Account not verified")));
                            }
                            return refreshTokens.open(account, userAgent, now).map(LoginOutcome::success);
                        }));
    }

    public Uni<Page<SessionView>> list(long accountId, Long currentSessionId, String cursor, int limit) {
        Cursor after = Cursor.decode(cursor, 1);
        return sessions.listActive(accountId, Timestamps.now(), after == null ? null : after.longValue(0), limit + 1)
                .map(rows -> Page.of(rows, limit, s -> SessionView.of(s, currentSessionId), s -> Cursor.of(s.id)));
    }

    @WithTransaction
    public Uni<Void> revoke(long accountId, long sessionId) {
        Instant now = Timestamps.now();
        return sessions.lock(sessionId).chain(session -> {
            if (session == null || !session.accountId.equals(accountId) || !session.isActive(now)) {
                throw ApiException.notFound("Session " + sessionId + " not found");
            }
            return revocations.revoke(session, now);
        });
    }

    // Only a wrong password keeps its slot: it is the failure the lockout counts.
    private Uni<Void> settle(LoginOutcome outcome, String email, String address) {
        if (outcome.tokens() != null) {
            return throttle.succeeded(email, address);
        }
        return WRONG_PASSWORD.equals(outcome.name()) ? Uni.createFrom().voidItem() : throttle.release(email, address);
    }

    private void count(String outcome) {
        registry.counter("parley.logins", "outcome", outcome).increment();
    }

    /** How a login attempt ended: tokens, or the error to answer once the lockout has been told. */
    record LoginOutcome(String name, TokenPair tokens, ApiException error) {

        static LoginOutcome success(TokenPair tokens) {
            return new LoginOutcome("success", tokens, null);
        }

        static LoginOutcome failure(String name, ApiException error) {
            return new LoginOutcome(name, null, error);
        }

        TokenPair tokensOrThrow() {
            if (error != null) {
                throw error;
            }
            return tokens;
        }
    }
}
