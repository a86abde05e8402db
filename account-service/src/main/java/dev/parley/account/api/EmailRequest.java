package dev.parley.account.api;

/** Body of requests that name an email only: resending verification, forgotten password. */
public record EmailRequest(String email) {
}
