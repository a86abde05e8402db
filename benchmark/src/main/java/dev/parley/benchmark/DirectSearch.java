package dev.parley.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's own time for a search: the statements chat-service's SearchRepository sends for one page (its
 * planning settings and its query, in one transaction, with the limit one above the page's), sent over JDBC as
 * chat's role and timed from the first to the commit. {@link #PLANNING}, {@link #FIND}, {@link #EVERYWHERE} and
 * {@link #IN_ONE} are SearchRepository's, word for word (DirectSearchTest checks).
 */
final class DirectSearch implements AutoCloseable {

    static final String PLANNING = """
            SELECT set_config('plan_cache_mode', 'force_custom_plan', true),
                   set_config('max_parallel_workers_per_gather', '0', true)""";

    static final String FIND = """
            SELECT m.conversation_id, m.id, m.seq, m.sender_id, m.created_at, m.body
              FROM chat.messages m
             WHERE %s
               AND m.deleted_at IS NULL
               AND lower(m.body COLLATE "und-x-icu") LIKE lower(? COLLATE "und-x-icu")
            """;
    // JDBC numbers parameters in the order they appear: see bind.
    static final String EVERYWHERE = """
            m.conversation_id = ANY (ARRAY(SELECT conversation_id FROM chat.members WHERE user_id = ?))""";
    static final String IN_ONE = """
            m.conversation_id = ?
               AND EXISTS (SELECT 1 FROM chat.members WHERE conversation_id = ? AND user_id = ?)""";
    private static final String ORDER = " ORDER BY m.created_at DESC, m.id DESC LIMIT ?";

    private final Connection db;
    private final Statement planning;
    private final PreparedStatement everywhere;
    private final PreparedStatement inOne;

    private DirectSearch(Connection db) throws SQLException {
        this.db = db;
        db.setAutoCommit(false);
        this.planning = db.createStatement();
        this.everywhere = db.prepareStatement(FIND.formatted(EVERYWHERE) + ORDER);
        this.inOne = db.prepareStatement(FIND.formatted(IN_ONE) + ORDER);
    }

    static DirectSearch open(Settings settings) throws SQLException {
        return new DirectSearch(DriverManager.getConnection(settings.jdbcUrl(), Service.CHAT.role(),
                Service.CHAT.password()));
    }

    /** One timed search. */
    record Timed(long nanos, int rows) {
    }

    /** Runs the search for a first page of {@code pageSize}; {@code conversationId} may be null. */
    Timed search(long userId, String query, Long conversationId, int pageSize) throws SQLException {
        PreparedStatement find = conversationId == null ? everywhere : inOne;
        bind(find, userId, query, conversationId, pageSize);
        long started = System.nanoTime();
        planning.execute(PLANNING);
        int rows = 0;
        try (ResultSet found = find.executeQuery()) {
            while (found.next()) {
                rows++;
            }
        }
        db.commit();
        return new Timed(System.nanoTime() - started, rows);
    }

    /** EXPLAIN ANALYZE of the same search, as PostgreSQL plans it. */
    List<String> explain(long userId, String query, Long conversationId, int pageSize) throws SQLException {
        String sql = "EXPLAIN (ANALYZE, BUFFERS) " + FIND.formatted(conversationId == null ? EVERYWHERE : IN_ONE)
                + ORDER;
        List<String> plan = new ArrayList<>();
        planning.execute(PLANNING);
        try (PreparedStatement explain = db.prepareStatement(sql)) {
            bind(explain, userId, query, conversationId, pageSize);
            try (ResultSet lines = explain.executeQuery()) {
                while (lines.next()) {
                    plan.add(lines.getString(1));
                }
            }
        }
        db.commit();
        return plan;
    }

    private static void bind(PreparedStatement statement, long userId, String query, Long conversationId,
            int pageSize) throws SQLException {
        int next = 1;
        if (conversationId != null) {
            statement.setLong(next++, conversationId);
            statement.setLong(next++, conversationId);
        }
        statement.setLong(next++, userId);
        statement.setString(next++, pattern(query));
        statement.setInt(next, pageSize + 1);
    }

    /** As chat-service's MessageSearch makes it: the query anywhere in a body, its own wildcards literal. */
    static String pattern(String query) {
        return "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
