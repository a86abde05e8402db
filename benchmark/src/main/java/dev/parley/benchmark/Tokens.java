package dev.parley.benchmark;

import dev.parley.testing.TestTokens;

/** Access tokens for the benchmark's users, verified by chat-service through {@link Neighbours}' JWKS. */
final class Tokens {

    private Tokens() {
    }

    static String forUser(long userId) {
        return TestTokens.forUser(userId);
    }

    static String jwks() {
        return TestTokens.jwks();
    }
}
