package dev.parley.benchmark;

import java.util.Map;
import java.util.TreeMap;

/**
 * The limits lifted for the run, through the variables docs/security.md lists; every other limit keeps its default.
 * The set-up registers, verifies and logs in every user from one address (127.0.0.1) and each sender befriends and
 * opens a conversation with many users in a minute; each sender then posts far faster than one person would.
 */
final class Limits {

    static final Map<String, String> ACCOUNT = Map.of(
            "PARLEY_LIMITS_REGISTRATIONS_PER_ADDRESS", "1000000/1h",
            "PARLEY_LIMITS_VERIFICATIONS_PER_ADDRESS", "1000000/1h",
            "PARLEY_LIMITS_LOGINS_PER_ADDRESS", "1000000/1h");

    static final Map<String, String> FRIENDSHIP = Map.of(
            "PARLEY_REQUESTS_PER_USER", "1000000/1d",
            "PARLEY_REQUESTS_MAX_PENDING_OUTGOING", "1000000");

    static final Map<String, String> CHAT = Map.of(
            "PARLEY_CONVERSATIONS_PER_USER", "1000000/1d",
            "PARLEY_MESSAGES_SEND_BURST", "1000000",
            "PARLEY_MESSAGES_SENDS_PER_SECOND", "1000000");

    /**
     * Settings that only shorten the set-up or keep tokens alive through a long run, not limits: mails leave the
     * outbox every 200 ms instead of 2 s, and access tokens (and so sockets) last an hour instead of 15 minutes.
     */
    static final Map<String, String> SET_UP = Map.of(
            "PARLEY_MAIL_POLL_INTERVAL", "200ms",
            "PARLEY_JWT_ACCESS_TOKEN_TTL", "1h");

    private Limits() {
    }

    /** One line per service, sorted, for the report. */
    static String describe() {
        return "limits: account-service " + new TreeMap<>(ACCOUNT) + "\n        friendship-service "
                + new TreeMap<>(FRIENDSHIP) + "\n        chat-service " + new TreeMap<>(CHAT)
                + "\nset-up: account-service " + new TreeMap<>(SET_UP);
    }
}
