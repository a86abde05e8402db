package dev.parley.account.api;

/** Body of {@code DELETE /v1/accounts/me}: the password again, so a stolen token cannot delete the account. */
public record PasswordConfirmation(String password) {
}
