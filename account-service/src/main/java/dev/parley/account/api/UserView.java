package dev.parley.account.api;

import dev.parley.account.Account;

/** The public face of an account: what other users see. */
public record UserView(long id, String username, String location, String avatarUrl) {

    public static UserView of(Account account) {
        return new UserView(account.id, account.username, account.location, account.avatarUrl);
    }
}
