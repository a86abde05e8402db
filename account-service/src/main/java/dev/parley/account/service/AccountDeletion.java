package dev.parley.account.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.parley.account.api.PasswordConfirmation;
import dev.parley.account.repository.AccountRepository;
import dev.parley.account.repository.OutboxMailRepository;
import dev.parley.common.error.ApiException;
import dev.parley.common.events.Outbox;
import dev.parley.common.time.Timestamps;
import dev.parley.common.validation.Input;

/**
 * Deletes the caller's account once the password confirms it: every session ends (announced as revoked), the
 * account feed announces {@value #DELETED} so the other services erase what they hold, and the account goes with
 * everything that hangs on it (sessions, refresh tokens, resets, exports, mails to its address). Its email and
 * username are free again at once.
 */
@ApplicationScoped
public class AccountDeletion {

    /** The event other services erase a user's data on, with {@code user_id}. */
    public static final String DELETED = "account.deleted";

    /** The event's data. */
    public record AccountDeleted(long userId) {
    }

    private final AccountRepository accounts;
    private final OutboxMailRepository mails;
    private final SessionRevocations revocations;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Outbox outbox;

    public AccountDeletion(AccountRepository accounts, OutboxMailRepository mails, SessionRevocations revocations,
            PasswordHasher hasher, LoginThrottle throttle, Outbox outbox) {
        this.accounts = accounts;
        this.mails = mails;
        this.revocations = revocations;
        this.hasher = hasher;
        this.throttle = throttle;
        this.outbox = outbox;
    }

    public Uni<Void> delete(long accountId, PasswordConfirmation confirmation) {
        String password = confirmation == null ? null : confirmation.password();
        Input.required("password", password);
        // Failed logins are counted under the address, which nobody holds any more.
        return deleteConfirmed(accountId, password).chain(throttle::clear);
    }

    /** The email of the deleted account. */
    @WithTransaction
    Uni<String> deleteConfirmed(long accountId, String password) {
        Instant now = Timestamps.now();
        return accounts.findById(accountId)
                .onItem().ifNull().failWith(() -> ApiException.unauthorized("Account no longer exists"))
                .call(account -> hasher.matches(password, account.passwordHash).invoke(matches -> {
                    if (!matches) {
                        throw ApiException.forbidden("Invalid password");
                    }
                }))
                .call(account -> revocations.revokeAll(account.id, now))
                .call(account -> outbox.publish(DELETED, Long.toString(account.id), new AccountDeleted(account.id)))
                .call(account -> mails.deleteTo(account.email))
                .call(accounts::delete)
                .map(account -> account.email);
    }
}
