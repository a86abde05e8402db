package dev.parley.friendship.support;

import java.util.concurrent.atomic.AtomicLong;

import dev.parley.testing.TestTokens;
import dev.parley.testing.Unique;

/** Users for tests: fresh ids that the account-service stub knows, each with a valid access token. */
public final class Users {

    /** Ids from here on are unknown to the account-service stub. */
    public static final long UNKNOWN_FROM = 9_000_000_000L;
    private static final AtomicLong NEXT_UNKNOWN = new AtomicLong(1000);

    private Users() {
    }

    /** A user account-service knows, with a valid access token. */
    public record TestUser(long id, String token) {
    }

    public static TestUser create() {
        long id = Unique.userId();
        return new TestUser(id, TestTokens.forUser(id));
    }

    /** An id account-service answers 404 for. */
    public static long unknownId() {
        return UNKNOWN_FROM + NEXT_UNKNOWN.incrementAndGet();
    }
}
