package dev.parley.common.security;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.parley.common.error.ApiException;

/** The id of the user a verified access token speaks for: its {@code sub} claim. */
public final class CallerId {

    private CallerId() {
    }

    public static long of(JsonWebToken token) {
        try {
            return Long.parseLong(token.getSubject());
        } catch (NumberFormatException | NullPointerException e) {
            throw ApiException.unauthorized("Invalid or expired access token");
        }
    }
}
