package dev.parley.common.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: {@code {"items": [...], "next_cursor": "..." | null}}. {@code next_cursor} is null on the last
 * page.
 */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Builds a page from up to {@code limit + 1} rows fetched in order: the extra row only proves there is more, and
     * the cursor points after the last row returned.
     */
    public static <R, T> Page<T> of(List<R> rows, int limit, Function<R, T> toItem, Function<R, Cursor> cursorOf) {
        boolean more = rows.size() > limit;
        List<R> shown = more ? rows.subList(0, limit) : rows;
        String next = more ? cursorOf.apply(shown.get(shown.size() - 1)).encode() : null;
        return new Page<>(shown.stream().map(toItem).toList(), next);
    }

    public <U> Page<U> map(Function<T, U> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
