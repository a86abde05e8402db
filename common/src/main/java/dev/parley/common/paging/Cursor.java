package dev.parley.common.paging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import dev.parley.common.error.ApiException;

/**
 * An opaque position in a list: the sort key values of the last item a client has seen, encoded as URL-safe base64.
 * Clients must treat it as a string; anything that does not decode answers 400 {@code Invalid cursor}.
 */
public record Cursor(List<String> values) {

    private static final String VERSION = "c1";
    private static final char SEPARATOR = '\u001f';
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    public static Cursor of(Object... values) {
        return new Cursor(Arrays.stream(values).map(String::valueOf).toList());
    }

    public String encode() {
        String raw = VERSION + SEPARATOR + String.join(String.valueOf(SEPARATOR), values);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes a cursor that must carry exactly {@code arity} values; a null or blank cursor means "from the start"
     * and decodes to null.
     */
    public static Cursor decode(String encoded, int arity) {
        if (encoded == null || encoded.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
            List<String> parts = List.of(raw.split(String.valueOf(SEPARATOR), -1));
            if (parts.size() != arity + 1 || !VERSION.equals(parts.get(0))) {
                throw invalid();
            }
            return new Cursor(parts.subList(1, parts.size()));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    public String string(int index) {
        return values.get(index);
    }

    public long longValue(int index) {
        try {
            return Long.parseLong(values.get(index));
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    /** A timestamp within what PostgreSQL can store and compare (years 1 to 9999 here); else {@code Invalid cursor}. */
    public Instant instant(int index) {
        try {
            Instant instant = Instant.parse(values.get(index));
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                throw invalid();
            }
            return instant;
        } catch (DateTimeParseException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return ApiException.badRequest("Invalid cursor");
    }
}
