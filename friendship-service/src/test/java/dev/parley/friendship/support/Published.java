package dev.parley.friendship.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.friendship.support.Users.TestUser;

/** What the service published to its outbox ({@code friendship.outbox_events}), as tests read it back. */
public final class Published {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Published() {
    }

    /** One outbox row. */
    public record Event(long position, String type, String key, JsonNode data, boolean compacted) {
    }

    /** The key of the pair's events: {@code <low id>:<high id>}. */
    public static String keyOf(TestUser a, TestUser b) {
        return keyOf(a.id(), b.id());
    }

    public static String keyOf(long a, long b) {
        return Math.min(a, b) + ":" + Math.max(a, b);
    }

    /** The pair's state as a relationship.changed event carries it. */
    public static JsonNode state(TestUser a, TestUser b, boolean friends, TestUser... blockedBy) {
        return state(a.id(), b.id(), friends, Arrays.stream(blockedBy).mapToLong(TestUser::id).toArray());
    }

    public static JsonNode state(long a, long b, boolean friends, long... blockedBy) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_low", Math.min(a, b));
        data.put("user_high", Math.max(a, b));
        data.put("friends", friends);
        data.put("blocked_by", Arrays.stream(blockedBy).sorted().boxed().toList());
        return read(write(data));
    }

    /** The events of a key, by position. */
    public static List<Event> of(DataSource db, String key) {
        return query(db, "select position, type, key, data, compacted from friendship.outbox_events where key = ?"
                + " order by position", key);
    }

    /** Every event after a position, by position. */
    public static List<Event> after(DataSource db, long position) {
        return query(db, "select position, type, key, data, compacted from friendship.outbox_events"
                + " where position > ? order by position", position);
    }

    /** The highest position written so far, or 0. */
    public static long lastPosition(DataSource db) {
        List<Event> last = query(db, "select position, type, key, data, compacted from friendship.outbox_events"
                + " order by position desc limit 1");
        return last.isEmpty() ? 0 : last.getFirst().position();
    }

    public static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Event> query(DataSource db, String sql, Object... args) {
        try (Connection connection = db.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            List<Event> events = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    events.add(new Event(rows.getLong("position"), rows.getString("type"), rows.getString("key"),
                            read(rows.getString("data")), rows.getBoolean("compacted")));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
