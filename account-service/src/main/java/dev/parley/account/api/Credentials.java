package dev.parley.account.api;

/** Body of {@code POST /v1/accounts/login}. */
public record Credentials(String email, String password) {
}
