package dev.parley.chat.repository;

import java.util.List;
import java.util.stream.Collectors;

/** Arrays where a driver has no binding for them, written in PostgreSQL's text form for a cast. */
final class SqlArrays {

    private SqlArrays() {
    }

    /** {@code {1,2,3}}: for Hibernate's native queries, and for arrays of arrays of different lengths. */
    static String literal(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }
}
