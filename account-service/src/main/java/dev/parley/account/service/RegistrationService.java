package dev.parley.account.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.parley.account.Account;
import dev.parley.account.api.AccountView;
import dev.parley.account.api.Registration;
import dev.parley.account.config.AccountConfig;
import dev.parley.account.repository.AccountRepository;
import dev.parley.account.service.RequestLimits.Route;
import dev.parley.common.error.ApiException;
import dev.parley.common.time.Timestamps;
import dev.parley.common.validation.Input;

/** Registration and email verification. */
@ApplicationScoped
public class RegistrationService {

    private final AccountRepository accounts;
    private final AccountRules rules;
    private final PasswordHasher hasher;
    private final VerificationTokens verificationTokens;
    private final MailOutbox outbox;
    private final RequestLimits limits;
    private final AccountConfig config;
    private final Counter registrations;

    public RegistrationService(AccountRepository accounts, AccountRules rules, PasswordHasher hasher,
            VerificationTokens verificationTokens, MailOutbox outbox, RequestLimits limits, AccountConfig config,
            MeterRegistry registry) {
        this.accounts = accounts;
        this.rules = rules;
        this.hasher = hasher;
        this.verificationTokens = verificationTokens;
        this.outbox = outbox;
        this.limits = limits;
        this.config = config;
        this.registrations = Counter.builder("parley.registrations").description("Accounts registered")
                .register(registry);
    }

    /**
     * Creates an unverified account and queues its verification mail in the same transaction, if the address may get
     * one more mail. The password is hashed before the transaction, which holds a connection only to write. An email
     * or username held by an expired unverified account is free: that account is deleted in the same transaction.
     */
    public Uni<AccountView> register(Registration request, String address) {
        Registration body = request == null ? new Registration(null, null, null) : request;
        Input.required("email", body.email());
        Input.required("password", body.password());
        Input.required("username", body.username());
        String email = AccountRules.email(body.email());
        String username = body.username().trim();
        rules.checkEmail(email);
        rules.checkPassword(body.password());
        rules.checkUsername(username);
        rules.checkWhitelisted(email);

        return limits.enforce(Route.REGISTRATIONS, address)
                .chain(() -> ensureFree(email, username))
                .chain(() -> hasher.hash(body.password()))
                .chain(hash -> outbox.reserve(email).chain(mail -> create(email, username, hash, mail)
                        .onFailure().call(() -> mail ? outbox.release(email) : Uni.createFrom().voidItem())))
                .map(AccountView::of)
                .invoke(() -> registrations.increment())
                .onFailure(UniqueViolations::isViolation).transform(e -> UniqueViolations.explain(e, email, username));
    }

    private Uni<Void> ensureFree(String email, String username) {
        Instant now = Timestamps.now();
        return accounts.findByEmail(email)
                .invoke(existing -> {
                    if (existing != null && !existing.isExpiredUnverified(now, config.verification().ttl())) {
                        throw ApiException.badRequest("Account with the '" + email + "' email already exists");
                    }
                })
                .chain(() -> accounts.usernameHeld(username, now.minus(config.verification().ttl())))
                .invoke(held -> {
                    if (held) {
                        throw ApiException.badRequest("Username '" + username + "' is already taken");
                    }
                })
                .replaceWithVoid();
    }

    @WithTransaction
    Uni<Account> create(String email, String username, String passwordHash, boolean mail) {
        Instant now = Timestamps.now();
        Account account = new Account();
        account.email = email;
        account.username = username;
        account.passwordHash = passwordHash;
        account.createdAt = now;
        account.updatedAt = now;
        return accounts.deleteExpiredHolding(email, username, now.minus(config.verification().ttl()))
                .chain(() -> accounts.persistAndFlush(account))
                .call(saved -> mail ? outbox.verification(saved, now) : Uni.createFrom().voidItem());
    }

    public Uni<AccountView> verify(String token, String address) {
        return limits.enforce(Route.VERIFICATIONS, address).chain(() -> markVerified(token));
    }

    @WithTransaction
    Uni<AccountView> markVerified(String token) {
        Instant now = Timestamps.now();
        String email = verificationTokens.verify(token, now);
        return accounts.findByEmail(email).map(account -> {
            if (account == null) {
                throw ApiException.badRequest("No registered account with the email '" + email + "'");
            }
            if (account.verified) {
                throw ApiException.badRequest("Account already verified");
            }
            account.verified = true;
            account.updatedAt = now;
            return AccountView.of(account);
        });
    }

    /**
     * Queues a new verification mail when the account exists, is unverified and not yet expired, and its address may
     * get one more mail; says nothing either way.
     */
    public Uni<Void> resendVerification(String rawEmail, String address) {
        String email = AccountRules.email(rawEmail);
        return limits.enforce(Route.RESENDS, address)
                .chain(() -> accounts.findByEmail(email))
                .chain(account -> account == null || account.verified
                        || account.isExpiredUnverified(Timestamps.now(), config.verification().ttl())
                                ? Uni.createFrom().voidItem()
                                : outbox.reserve(email).chain(mail -> mail
                                        ? queueVerification(account).onFailure().call(() -> outbox.release(email))
                                        : Uni.createFrom().voidItem()));
    }

    @WithTransaction
    Uni<Void> queueVerification(Account account) {
        return outbox.verification(account, Timestamps.now());
    }
}
