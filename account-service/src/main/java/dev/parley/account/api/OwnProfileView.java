package dev.parley.account.api;

import dev.parley.account.Account;

/** The caller's own profile: the public fields, and the settings only its owner sees. */
public record OwnProfileView(long id, String username, String location, String avatarUrl,
        boolean presenceVisible, boolean readReceipts) {

    public static OwnProfileView of(Account account) {
        return new OwnProfileView(account.id, account.username, account.location, account.avatarUrl,
                account.presenceVisible, account.readReceipts);
    }
}
