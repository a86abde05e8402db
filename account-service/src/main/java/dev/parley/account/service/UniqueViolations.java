package dev.parley.account.service;

import dev.parley.common.error.ApiException;
import dev.parley.common.persistence.UniqueViolation;

/**
 * Two registrations racing for the same email or username both pass the checks; the unique indexes let only one
 * commit. This turns the loser's constraint violation into the same 400 the checks give.
 */
final class UniqueViolations {

    private static final String EMAIL_INDEX = "accounts_email_key";
    private static final String USERNAME_INDEX = "accounts_username_key";

    private UniqueViolations() {
    }

    static boolean isViolation(Throwable e) {
        return UniqueViolation.indexOf(e).isPresent();
    }

    static Throwable explain(Throwable e, String email, String username) {
        String index = UniqueViolation.indexOf(e).orElse("");
        if (EMAIL_INDEX.equals(index)) {
            return ApiException.badRequest("Account with the '" + email + "' email already exists");
        }
        if (USERNAME_INDEX.equals(index)) {
            return ApiException.badRequest("Username '" + username + "' is already taken");
        }
        return e;
    }
}
