package dev.parley.account.api;

/** Body of {@code POST /v1/accounts/password/reset}. */
public record NewPassword(String token, String password) {
}
