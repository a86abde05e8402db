package dev.parley.benchmark;

/**
 * The search benchmark's knobs, from system properties: {@code search.conversations} (10,000 in all),
 * {@code search.messages} (1,000,000 in all), {@code search.memberships} (50: the searcher's conversations),
 * {@code search.requests} (200 measured per kind of query) and {@code search.warmup} (20 per kind before them).
 */
record SearchSettings(int conversations, int messages, int memberships, int requests, int warmup) {

    static SearchSettings fromSystemProperties() {
        SearchSettings settings = new SearchSettings(
                Integer.getInteger("search.conversations", 10_000),
                Integer.getInteger("search.messages", 1_000_000),
                Integer.getInteger("search.memberships", 50),
                Integer.getInteger("search.requests", 200),
                Integer.getInteger("search.warmup", 20));
        if (settings.memberships() < 1 || settings.conversations() < settings.memberships()
                || settings.messages() < settings.conversations() || settings.requests() < 1) {
            throw new IllegalArgumentException("need a conversation of the searcher's, no more of them than "
                    + "conversations, a message in every conversation, and a request of each kind");
        }
        return settings;
    }
}
