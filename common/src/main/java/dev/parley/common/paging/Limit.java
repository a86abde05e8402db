package dev.parley.common.paging;

import dev.parley.common.error.ApiException;

/** The {@code ?limit=} of a list request: 20 when absent, 1 to 100 otherwise. */
public final class Limit {

    public static final int DEFAULT = 20;
    public static final int MAX = 100;

    private Limit() {
    }

    /**
     * Parses the raw query value. Taken as text so that "abc" answers 400 rather than the 404 JAX-RS gives for a
     * parameter it cannot convert.
     */
    public static int parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT;
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= MAX) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("limit must be an integer between 1 and " + MAX);
    }
}
