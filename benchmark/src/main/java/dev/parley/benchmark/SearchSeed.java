package dev.parley.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Writes the search benchmark's million messages straight into chat's tables, as chat's role, once chat-service has
 * migrated them: {@code search-seed.sql}, then {@code VACUUM ANALYZE}, as a database that has been in use for a while
 * would be. Through the API, 10,000 conversations would need thousands of registered, befriended users and a million
 * sends several minutes more, none of which this benchmark measures: it measures reading them.
 */
final class SearchSeed {

    private SearchSeed() {
    }

    /** What the tables hold afterwards, and how long writing took. */
    record Seeded(long conversations, long messages, long searchersMessages, double seconds) {
    }

    static Seeded run(Settings settings, SearchSettings search, long searcherId) throws Exception {
        String script = script().replace("${conversations}", Integer.toString(search.conversations()))
                .replace("${messages}", Integer.toString(search.messages()));
        long started = System.nanoTime();
        try (Connection db = DriverManager.getConnection(settings.jdbcUrl(), Service.CHAT.role(),
                Service.CHAT.password()); Statement statement = db.createStatement()) {
            statement.execute(script);
            statement.execute("VACUUM ANALYZE chat.conversations, chat.members, chat.messages");
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Seeded(count(db, "SELECT count(*) FROM chat.conversations"),
                    count(db, "SELECT count(*) FROM chat.messages"),
                    count(db, "SELECT count(*) FROM chat.members me JOIN chat.messages m "
                            + "ON m.conversation_id = me.conversation_id WHERE me.user_id = " + searcherId),
                    seconds);
        }
    }

    private static long count(Connection db, String sql) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String script() {
        try (InputStream in = SearchSeed.class.getResourceAsStream("/search-seed.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
