package dev.parley.account.service;

import org.hibernate.exception.ConstraintViolationException;

import dev.parley.common.error.ApiException;

/**
 * Two registrations racing for the same email or username both pass the checks; the unique indexes let only one
 * commit. This turns the loser's constraint violation into the same 400 the checks give.
 */
final class UniqueViolations {

    private UniqueViolations() {
    }

    static boolean isViolation(Throwable e) {
        return constraintOf(e) != null;
    }

    static Throwable explain(Throwable e, String email, String username) {
        String constraint = constraintOf(e);
        if ("accounts_email_key".equals(constraint)) {
            return ApiException.badRequest("Account with the '" + email + "' email already exists");
        }
        if ("accounts_username_key".equals(constraint)) {
            return ApiException.badRequest("Username '" + username + "' is already taken");
        }
        return e;
    }

    private static String constraintOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException violation && violation.getConstraintName() != null) {
                return violation.getConstraintName();
            }
            if (t.getMessage() != null && t.getMessage().contains("accounts_email_key")) {
                return "accounts_email_key";
            }
            if (t.getMessage() != null && t.getMessage().contains("accounts_username_key")) {
                return "accounts_username_key";
            }
        }
        return null;
    }
}
