package dev.parley.account.api;

import java.time.Instant;

import dev.parley.account.Account;

/** An account as its owner sees it: its settings, and under {@code user} the profile others see. */
public record AccountView(long id, Instant createdAt, Instant updatedAt, boolean verified, String email,
        boolean presenceVisible, boolean readReceipts, UserView user) {

    public static AccountView of(Account account) {
        return new AccountView(account.id, account.createdAt, account.updatedAt, account.verified, account.email,
                account.presenceVisible, account.readReceipts, UserView.of(account));
    }
}
