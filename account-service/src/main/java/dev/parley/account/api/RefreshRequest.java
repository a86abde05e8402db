package dev.parley.account.api;

/** Body of {@code POST /v1/accounts/token/refresh} and {@code /logout}. */
public record RefreshRequest(String refreshToken) {
}
