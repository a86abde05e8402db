package dev.parley.account.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.parley.account.Account;
import dev.parley.account.api.AccountView;
import dev.parley.account.api.PasswordConfirmation;
import dev.parley.account.repository.AccountRepository;
import dev.parley.common.error.ApiException;
import dev.parley.common.validation.Input;

/** The caller's own account: reading and deleting it; the username rule every change shares. */
@ApplicationScoped
public class AccountService {

    private final AccountRepository accounts;
    private final PasswordHasher hasher;

    public AccountService(AccountRepository accounts, PasswordHasher hasher) {
        this.accounts = accounts;
        this.hasher = hasher;
    }

    public Uni<AccountView> me(long accountId) {
        return existing(accountId).map(AccountView::of);
    }

    /** Deletes the account, its sessions and pending resets, after checking the password once more. */
    @WithTransaction
    public Uni<Void> delete(long accountId, PasswordConfirmation confirmation) {
        String password = confirmation == null ? null : confirmation.password();
        Input.required("password", password);
        return existing(accountId)
                .call(account -> hasher.matches(password, account.passwordHash).invoke(matches -> {
                    if (!matches) {
                        throw ApiException.forbidden("Invalid password");
                    }
                }))
                .call(accounts::delete)
                .replaceWithVoid();
    }

    Uni<Void> ensureUsernameFree(String username, Long exceptId) {
        return accounts.usernameTaken(username, exceptId).invoke(taken -> {
            if (taken) {
                throw ApiException.badRequest("Username '" + username + "' is already taken");
            }
        }).replaceWithVoid();
    }

    private Uni<Account> existing(long accountId) {
        return accounts.findById(accountId).onItem().ifNull()
                .failWith(() -> ApiException.unauthorized("Account no longer exists"));
    }
}
