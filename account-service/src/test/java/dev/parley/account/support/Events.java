package dev.parley.account.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.testing.Database;

/** The events account-service published (its {@code outbox_events}), and their effect on access tokens. */
public final class Events {

    /** How soon every service refuses a revoked session's access tokens. */
    public static final Duration REVOCATION_DEADLINE = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Events() {
    }

    /** The data of every event of the type and key, oldest first. */
    public static List<JsonNode> published(DataSource db, String type, String key) {
        return Database.column(db, "select data from account.outbox_events where type = ? and key = ? "
                + "order by position", type, key).stream().map(data -> read((String) data)).toList();
    }

    /** The ids of the account's sessions, oldest first. */
    public static List<Long> sessionIds(DataSource db, long accountId) {
        return Database.column(db, "select id from account.sessions where account_id = ? order by id", accountId)
                .stream().map(id -> ((Number) id).longValue()).toList();
    }

    /** Waits, up to the deadline, until the token is refused on {@code path}. */
    public static void awaitRefused(String accessToken, String path) {
        await().atMost(REVOCATION_DEADLINE).pollInterval(Duration.ofMillis(50)).until(
                () -> given().auth().oauth2(accessToken).get(path).statusCode() == 401);
    }

    private static JsonNode read(String data) {
        try {
            return JSON.readTree(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
