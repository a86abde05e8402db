package dev.parley.account.api;

/** Body of {@code POST /v1/accounts/register}. */
public record Registration(String email, String password, String username) {
}
