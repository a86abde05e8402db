package dev.parley.testing;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Names and user ids that no other test has used, in this run or an earlier one against the same database: each
 * test makes its own users and never meets another's.
 */
public final class Unique {

    // Each run starts at its own multiple of 1000, so ids an earlier run stored are not handed out again.
    private static final AtomicLong NEXT_USER_ID = new AtomicLong(
            1_000 + Math.floorMod(System.nanoTime(), 1_000_000L) * 1_000);

    private Unique() {
    }

    /** {@code <name>-<random>@<domain>}. */
    public static String email(String name, String domain) {
        return name + "-" + suffix() + "@" + domain;
    }

    /** {@code <name>_<random>}. */
    public static String username(String name) {
        return name + "_" + suffix();
    }

    /** A user id for services that take users from their access token alone (see {@link TestTokens}). */
    public static long userId() {
        return NEXT_USER_ID.incrementAndGet();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
