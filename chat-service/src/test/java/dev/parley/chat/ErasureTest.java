package dev.parley.chat;

import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

import dev.parley.chat.support.Chat;
import dev.parley.chat.support.Neighbours;
import dev.parley.testing.Database;
import dev.parley.testing.StreamClient;

/** account-service's account.deleted erases the user from chat, leaving everyone else's history whole. */
@QuarkusTest
class ErasureTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    DataSource db;

    @Test
    void aDeletedUserLeavesEveryConversationAndTheirMessagesBecomeTombstonesInTheirPlaces() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat cid = Chat.newUser().befriend(ann).befriend(bob);
        long direct = ann.directWith(bob);
        ann.sent(direct, "hello");
        bob.sent(direct, "hi");
        ann.sent(direct, "bye");
        long owned = ann.group("ann's", bob);
        ann.request().body(Map.of("user_id", cid.id())).post("/v1/conversations/" + owned + "/members")
                .then().statusCode(201);
        ann.sent(owned, "in my group");
        long alone = ann.group("soon empty", bob);
        bob.request().delete("/v1/conversations/" + alone + "/members/" + bob.id()).then().statusCode(204);
        ann.sent(alone, "talking to myself");
        long left = bob.group("bob's", ann, cid);
        ann.sent(left, "before leaving");
        ann.request().delete("/v1/conversations/" + left + "/members/" + ann.id()).then().statusCode(204);
        String before = bob.request().get("/v1/sync").then().statusCode(200).extract().path("next_cursor");

        try (StreamClient bobStream = StreamClient.withHeader(base(), bob.token())) {
            erase(ann);

            assertThat(bobStream.await(event -> event.path("type").asText().equals("message.deleted")
                    && event.path("conversation_id").asLong() == direct, 2, WAIT))
                    .extracting(event -> event.path("seq").asLong()).containsExactlyInAnyOrder(1L, 3L);
            JsonNode removed = bobStream.awaitFirst(event -> event.path("type").asText().equals("member.removed")
                    && event.path("conversation_id").asLong() == owned, WAIT);
            assertThat(removed.path("data").path("user_id").asLong()).isEqualTo(ann.id());
            JsonNode heir = bobStream.awaitFirst(event -> event.path("type").asText().equals("member.updated")
                    && event.path("conversation_id").asLong() == owned, WAIT);
            assertThat(heir.path("data").path("user_id").asLong()).isEqualTo(bob.id());
            assertThat(heir.path("data").path("role").asText()).isEqualTo("owner");
        }

        assertThat(Database.count(db, "select count(*) from chat.members where user_id = ?", ann.id())).isZero();
        assertThat(roles(owned)).containsExactlyInAnyOrder(bob.id() + ":owner", cid.id() + ":member");
        assertThat(roles(left)).containsExactlyInAnyOrder(bob.id() + ":owner", cid.id() + ":member");
        assertThat(roles(direct)).containsExactly(bob.id() + ":member");
        assertThat(Database.count(db, "select count(*) from chat.conversations where id = ?", alone)).isZero();
        assertThat(Database.count(db, "select count(*) from chat.messages where conversation_id = ?", alone)).isZero();
        assertThat(Database.count(db, "select count(*) from chat.messages where sender_id = ?"
                + " and (body is not null or deleted_at is null)", ann.id())).isZero();
        assertThat(Database.column(db, "select seq from chat.messages where sender_id = ? order by conversation_id,"
                + " seq", ann.id())).containsExactly(1L, 3L, 1L, 1L);

        bob.request().get("/v1/conversations/" + direct + "/messages").then().statusCode(200)
                .body("items.seq", contains(3, 2, 1))
                .body("items.deleted", contains(true, false, true))
                .body("items[0].body", nullValue())
                .body("items[1].body", equalTo("hi"))
                .body("items[2].body", nullValue());
        JsonPath changes = bob.request().queryParam("since", before).get("/v1/sync").then().statusCode(200)
                .extract().jsonPath();
        assertThat(changes.getList("items.conversation.id", Long.class)).containsExactlyInAnyOrder(direct, owned,
                left);
        // A sync may repeat what it returned before (see SyncService), but it always brings the tombstones.
        List<Map<String, Object>> synced = changes.getList("items.find { it.conversation.id == " + direct
                + " }.messages");
        assertThat(synced).extracting(m -> m.get("seq"), m -> m.get("deleted"), m -> m.get("body"))
                .contains(tuple(1, true, null), tuple(3, true, null)).doesNotContain(tuple(1, false, "hello"),
                        tuple(3, false, "bye"));
        ann.request().get("/v1/conversations").then().statusCode(200).body("items", empty());
    }

    @Test
    void aDeletedUsersReactionsGoAndTheirMessagesTakeTheirMentionsReactionsAndPinsAlong() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat cid = Chat.newUser().befriend(ann);
        long group = ann.group("team", bob, cid);
        long bobs = bob.request().body(Map.of("body", "@cid look", "mentions", List.of(cid.id())))
                .post("/v1/conversations/" + group + "/messages").then().statusCode(201).extract().jsonPath()
                .getLong("id");
        long anns = ann.send(group, "agreed").then().statusCode(201).extract().jsonPath().getLong("id");
        for (Chat member : List.of(bob, cid)) {
            member.request().put("/v1/conversations/" + group + "/messages/" + anns + "/reactions/{emoji}", "👍")
                    .then().statusCode(204);
        }
        cid.request().put("/v1/conversations/" + group + "/messages/" + bobs + "/reactions/{emoji}", "🎉")
                .then().statusCode(204);
        ann.request().put("/v1/conversations/" + group + "/pins/" + bobs).then().statusCode(204);

        erase(bob);

        ann.request().get("/v1/conversations/" + group + "/messages").then().statusCode(200)
                .body("items[0].reactions[0].count", equalTo(1))
                .body("items[0].reactions[0].me", equalTo(false))
                .body("items[1].deleted", equalTo(true))
                .body("items[1].reactions", empty())
                .body("items[1].mentions", empty());
        ann.request().get("/v1/conversations/" + group + "/pins").then().statusCode(200).body("items", empty());
        assertThat(Database.count(db, "select count(*) from chat.reactions where user_id = ? or message_id = ?",
                bob.id(), bobs)).isZero();
        assertThat(Database.count(db, "select count(*) from chat.mentions where conversation_id = ?", group))
                .isZero();
    }

    @Test
    void aDirectConversationWithADeletedUserRefusesNewMessagesAndEdits() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        long hi = bob.send(direct, "hi").then().statusCode(201).extract().jsonPath().getLong("id");

        erase(ann);

        // Still friends as far as friendship-service's events said: the missing account is what refuses.
        bob.send(direct, "are you there?").then().spec(error(403, "This account no longer exists"));
        bob.request().body(Map.of("body", "hi?")).patch("/v1/conversations/" + direct + "/messages/" + hi)
                .then().spec(error(403, "This account no longer exists"));
        bob.request().delete("/v1/conversations/" + direct + "/messages/" + hi).then().statusCode(204);
        assertThat(Database.column(db, "select seq from chat.messages where conversation_id = ?", direct))
                .containsExactly(1L);
    }

    @Test
    void theSameDeletionDeliveredAgainChangesNothingAndTheFeedPositionAdvances() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat cid = Chat.newUser().befriend(ann);
        long group = ann.group("twice", bob, cid);
        ann.sent(group, "one");
        erase(ann);
        String state = state(group);
        assertThat(state).contains(bob.id() + ":owner");

        long position = erase(ann);

        assertThat(state(group)).isEqualTo(state);
        assertThat(Database.single(db, "select position from chat.feed_positions where feed = 'account'"))
                .isEqualTo(position);
    }

    // Publishes the deletion and waits until it is applied; answers the event's position.
    private long erase(Chat user) {
        String cursor = Neighbours.accountEvent("account.deleted", Long.toString(user.id()),
                Map.of("user_id", user.id()));
        long position = Long.parseLong(cursor.substring(cursor.indexOf('.') + 1));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
                .until(() -> Objects.equals(position, Database.single(db,
                        "select position from chat.feed_positions where feed = 'account'")));
        return position;
    }

    private List<Object> roles(long conversation) {
        return Database.column(db, "select user_id || ':' || role from chat.members where conversation_id = ?"
                + " order by user_id", conversation);
    }

    private String state(long conversation) {
        return Database.single(db, "select string_agg(user_id || ':' || role, ',' order by user_id) from chat.members"
                + " where conversation_id = ?", conversation) + "|" + Database.single(db,
                        "select string_agg(seq || ':'"
                                + " || coalesce(body, '-') || ':' || deleted_at, ',' order by seq) from chat.messages"
                                + " where conversation_id = ?",
                        conversation);
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port;
    }
}
