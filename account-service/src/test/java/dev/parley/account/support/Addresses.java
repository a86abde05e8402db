package dev.parley.account.support;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Client addresses no other test uses. Tests connect from loopback, a trusted proxy, so the service believes the
 * address a test names in {@code X-Forwarded-For}: each test is a client of its own, and limits per address it
 * exhausts touch no other test.
 */
public final class Addresses {

    public static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final AtomicInteger NEXT = new AtomicInteger();

    private Addresses() {
    }

    /** A fresh address in 10.0.0.0/8. */
    public static String unique() {
        int n = NEXT.incrementAndGet();
        return "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }
}
