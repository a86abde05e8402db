package dev.parley.account.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.parley.account.Account;
import dev.parley.account.PasswordReset;
import dev.parley.account.api.NewPassword;
import dev.parley.account.config.AccountConfig;
import dev.parley.account.repository.AccountRepository;
import dev.parley.account.repository.PasswordResetRepository;
import dev.parley.account.service.RequestLimits.Route;
import dev.parley.common.error.ApiException;
import dev.parley.common.time.Timestamps;
import dev.parley.common.validation.Input;

/** Forgotten passwords: a mailed single-use token sets a new password and ends every session. */
@ApplicationScoped
public class PasswordResetService {

    static final String INVALID = "Invalid or expired password reset token";

    private final AccountRepository accounts;
    private final PasswordResetRepository resets;
    private final SessionRevocations revocations;
    private final AccountRules rules;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final MailOutbox outbox;
    private final RequestLimits limits;
    private final AccountConfig config;

    public PasswordResetService(AccountRepository accounts, PasswordResetRepository resets,
            SessionRevocations revocations, AccountRules rules, PasswordHasher hasher, LoginThrottle throttle,
            MailOutbox outbox, RequestLimits limits, AccountConfig config) {
        this.accounts = accounts;
        this.resets = resets;
        this.revocations = revocations;
        this.rules = rules;
        this.hasher = hasher;
        this.throttle = throttle;
        this.outbox = outbox;
        this.limits = limits;
        this.config = config;
    }

    /** Mails a reset token when the account exists and its address may get one more mail; answers the same always. */
    public Uni<Void> forgot(String rawEmail, String address) {
        String email = AccountRules.email(rawEmail);
        return limits.enforce(Route.FORGOTS, address)
                .chain(() -> accounts.findByEmail(email))
                .chain(account -> account == null
                        ? Uni.createFrom().voidItem()
                        : outbox.reserve(email).chain(mail -> mail
                                ? mailToken(account).onFailure().call(() -> outbox.release(email))
                                : Uni.createFrom().voidItem()));
    }

    @WithTransaction
    Uni<Void> mailToken(Account account) {
        Instant now = Timestamps.now();
        String token = SecureTokens.newToken();
        PasswordReset reset = new PasswordReset();
        reset.tokenHash = SecureTokens.hash(token);
        reset.accountId = account.id;
        reset.createdAt = now;
        reset.expiresAt = now.plus(config.passwordReset().ttl());
        return resets.persist(reset).chain(() -> outbox.passwordReset(account, token, now));
    }

    /** Sets the new password, ends every session and lifts any login lockout of the account. */
    public Uni<Void> reset(NewPassword request, String address) {
        NewPassword body = request == null ? new NewPassword(null, null) : request;
        Input.required("token", body.token());
        Input.required("password", body.password());
        rules.checkPassword(body.password());
        return limits.enforce(Route.RESETS, address).chain(() -> resetPassword(body)).chain(throttle::clear);
    }

    /** The email of the account whose password was set. */
    @WithTransaction
    Uni<String> resetPassword(NewPassword body) {
        Instant now = Timestamps.now();
        return resets.findById(SecureTokens.hash(body.token())).chain(reset -> {
            if (reset == null || reset.usedAt != null || !reset.expiresAt.isAfter(now)) {
                return Uni.createFrom().failure(ApiException.badRequest(INVALID));
            }
            return accounts.findById(reset.accountId)
                    .call(account -> hasher.hash(body.password()).invoke(hash -> {
                        account.passwordHash = hash;
                        // Reading the mailed token proves the address, as a verification link would.
                        account.verified = true;
                        account.updatedAt = now;
                    }))
                    .call(() -> resets.closeAll(reset.accountId, now))
                    .call(() -> revocations.revokeAll(reset.accountId, now))
                    .map(account -> account.email);
        });
    }
}
