package dev.parley.common.paging;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a list ordered newest first by (time, id) continues: just after the last item a client saw, or at the start.
 * Owns the cursor's shape and the query condition, so every such list pages the same way.
 */
public record Keyset(Instant time, long id) {

    private static final String CONDITION = " and (%1$s < :keysetTime or (%1$s = :keysetTime and %2$s < :keysetId))";

    /** The position a cursor names, or null for the start of the list. Anything else answers 400. */
    public static Keyset after(String cursor) {
        Cursor decoded = Cursor.decode(cursor, 2);
        return decoded == null ? null : new Keyset(decoded.instant(0), decoded.longValue(1));
    }

    /** The cursor that continues after an item with this time and id. */
    public static Cursor cursorAfter(Instant time, long id) {
        return Cursor.of(time, id);
    }

    /**
     * The query condition for rows after {@code position}, to append to a query's other conditions: empty at the
     * start. Its parameters come from {@link #parameters(Keyset, Map)}.
     */
    public static String condition(Keyset position, String timeField, String idField) {
        return position == null ? "" : CONDITION.formatted(timeField, idField);
    }

    /** {@code parameters} with those the condition names, when there is a position. */
    public static Map<String, Object> parameters(Keyset position, Map<String, Object> parameters) {
        Map<String, Object> all = new HashMap<>(parameters);
        if (position != null) {
            all.put("keysetTime", position.time());
            all.put("keysetId", position.id());
        }
        return all;
    }

    /** The order the condition follows. */
    public static String orderBy(String timeField, String idField) {
        return " order by " + timeField + " desc, " + idField + " desc";
    }
}
