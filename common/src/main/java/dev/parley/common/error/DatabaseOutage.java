package dev.parley.common.error;

import java.util.regex.Pattern;

/**
 * Recognises a failure that only means the database cannot be reached right now: refused, reset or closed connections,
 * a server shutting down or starting up (SQLSTATE classes 08 and 57). Those answer 503, not 500.
 */
public final class DatabaseOutage {

    // SQLSTATEs as the PostgreSQL clients print them at the end of their messages, e.g. "... (57P01)".
    private static final Pattern UNAVAILABLE_STATE = Pattern.compile("\\((08\\w{3}|57P0[1-3])\\)");

    private DatabaseOutage() {
    }

    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String type = t.getClass().getName();
            if (t instanceof java.net.SocketException || type.endsWith("ClosedConnectionException")
                    || type.endsWith("ConnectionClosedException") || isBrokenConnection(t)) {
                return true;
            }
            if (t.getMessage() != null && UNAVAILABLE_STATE.matcher(t.getMessage()).find()) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    // Native transports report a reset or broken connection as a plain IOException, not a SocketException.
    private static boolean isBrokenConnection(Throwable t) {
        return t instanceof java.io.IOException && t.getMessage() != null
                && (t.getMessage().contains("Connection reset") || t.getMessage().contains("Broken pipe"));
    }

    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
