package dev.parley.account.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.account.Account;
import dev.parley.account.api.AccountView;
import dev.parley.account.repository.AccountRepository;
import dev.parley.common.error.ApiException;

/** The caller's own account as its owner sees it; the username rule every change shares. */
@ApplicationScoped
public class AccountService {

    private final AccountRepository accounts;

    public AccountService(AccountRepository accounts) {
        this.accounts = accounts;
    }

    public Uni<AccountView> me(long accountId) {
        return existing(accountId).map(AccountView::of);
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
