package dev.parley.common.client;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller's own access token, for calls made to a neighbour on their behalf: the neighbour applies its rules to
 * the same user. Read on the request's thread, before a call may be retried elsewhere.
 */
@ApplicationScoped
public class CallerCredentials {

    private final JsonWebToken token;

    public CallerCredentials(JsonWebToken token) {
        this.token = token;
    }

    /** The {@code Authorization} header value that speaks for the caller. */
    public String authorization() {
        return "Bearer " + token.getRawToken();
    }
}
