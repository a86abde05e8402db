package dev.parley.common.persistence;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a write that lost a race to a unique index (SQLSTATE 23505) and names the index, so a service can turn
 * exactly that loss into the answer the winner's check would have given, and let every other failure through.
 */
public final class UniqueViolation {

    // As PostgreSQL's clients word it: duplicate key value violates unique constraint "name" ... (23505)
    private static final Pattern VIOLATED = Pattern
            .compile("violates unique constraint \"([^\"]+)\"(?:.*\\(23505\\))?", Pattern.DOTALL);

    private UniqueViolation() {
    }

    /** The unique index the failure, or any of its causes, violated. */
    public static Optional<String> indexOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                Matcher matcher = VIOLATED.matcher(t.getMessage());
                if (matcher.find()) {
                    return Optional.of(matcher.group(1));
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    /** Whether the failure is a violation of the unique index named {@code index}, and of no other. */
    public static boolean of(Throwable failure, String index) {
        return indexOf(failure).filter(index::equals).isPresent();
    }
}
