package dev.parley.chat;

import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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

/** Read and delivery marks, told to the other members at most once a second, unless receipts are kept private. */
@QuarkusTest
class ReceiptTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    DataSource db;

    @Test
    void deliveryMarksMoveOnlyForwardAndReadingMovesThemToo() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long group = ann.group("Team", bob);
        for (int i = 0; i < 3; i++) {
            ann.sent(group, "news " + i);
        }

        delivered(bob, group, 2);
        delivered(bob, group, 1);
        assertMarks(ann, group, bob, 0, 2);
        assertMarks(ann, group, ann, 3, 3);

        read(bob, group, 3);
        assertMarks(ann, group, bob, 3, 3);
        delivered(bob, group, 99);
        assertMarks(ann, group, bob, 3, 3);
        assertThat(Database.single(db,
                "select last_delivered_seq from chat.members where conversation_id = ? and user_id = ?", group,
                bob.id())).isEqualTo(3L);
    }

    @Test
    void aDeliveryMarkNeedsANonNegativeSeq() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);

        bob.request().body(Map.of()).post("/v1/conversations/" + direct + "/delivered")
                .then().spec(error(400, "expected 'seq' key"));
        bob.request().body(Map.of("seq", -1)).post("/v1/conversations/" + direct + "/delivered")
                .then().spec(error(400, "seq must not be negative"));
    }

    @Test
    void theOtherMembersAreToldAtMostOnceASecondWithTheLatestMarks() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        for (int i = 0; i < 3; i++) {
            ann.sent(direct, "news " + i);
        }

        try (StreamClient annStream = StreamClient.withHeader(base(), ann.token());
                StreamClient bobStream = StreamClient.withHeader(base(), bob.token())) {
            delivered(bob, direct, 1);
            delivered(bob, direct, 2);
            read(bob, direct, 3);

            List<JsonNode> told = annStream.await(StreamClient.ofType("receipt.updated"), 2, WAIT);
            assertThat(told.get(0).path("data").path("user_id").asLong()).isEqualTo(bob.id());
            assertThat(told.get(0).path("data").path("last_delivered_seq").asLong()).isEqualTo(1L);
            assertThat(told.get(1).path("data").path("last_read_seq").asLong()).isEqualTo(3L);
            assertThat(told.get(1).path("data").path("last_delivered_seq").asLong()).isEqualTo(3L);
            Thread.sleep(1500);
            assertThat(annStream.events(StreamClient.ofType("receipt.updated"))).hasSize(2);

            JsonNode ownRead = bobStream.next("read.updated", WAIT);
            assertThat(ownRead.path("data").path("last_read_seq").asLong()).isEqualTo(3L);
            assertThat(annStream.events(StreamClient.ofType("read.updated"))).isEmpty();
            assertThat(bobStream.events(StreamClient.ofType("receipt.updated"))).isEmpty();
        }
    }

    @Test
    void aUserWhoKeepsReceiptsPrivateShowsNoneAndSeesNone() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        ann.sent(direct, "hello");
        bob.sent(direct, "hi");
        receipts(bob, false);

        try (StreamClient annStream = StreamClient.withHeader(base(), ann.token())) {
            read(bob, direct, 2);
            read(ann, direct, 2);
            Thread.sleep(1500);
            assertThat(annStream.events(StreamClient.ofType("receipt.updated"))).isEmpty();
        }
        assertMarks(ann, direct, bob, null, null);
        assertMarks(bob, direct, ann, null, null);
        assertMarks(bob, direct, bob, 2L, 2L);
        ann.conversation(direct).then().statusCode(200)
                .body("members.find { it.user_id == " + bob.id() + " }.last_read_seq", nullValue())
                .body("members.find { it.user_id == " + ann.id() + " }.last_read_seq", equalTo(2));
        assertThat(bob.unread(direct)).isZero();

        receipts(bob, true);
        assertMarks(ann, direct, bob, 2L, 2L);
    }

    @Test
    void syncReturnsTheMarksThatMovedSinceItsCursorAsTheReaderMaySeeThem() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat cid = Chat.newUser().befriend(ann);
        long group = ann.group("Team", bob, cid);
        ann.sent(group, "one");
        ann.sent(group, "two");
        String cursor = ann.request().get("/v1/sync").then().statusCode(200).extract().jsonPath()
                .getString("next_cursor");

        read(bob, group, 2);
        delivered(cid, group, 1);

        JsonPath sync = ann.request().queryParam("since", cursor).get("/v1/sync").then().statusCode(200).extract()
                .jsonPath();
        assertThat(sync.getList("items.conversation.id", Long.class)).containsExactly(group);
        assertThat(sync.getList("items[0].messages")).isEmpty();
        assertThat(sync.getList("items[0].receipts.user_id", Long.class)).containsExactly(bob.id(), cid.id());
        assertThat(sync.getList("items[0].receipts.last_read_seq", Long.class)).containsExactly(2L, 0L);
        assertThat(sync.getList("items[0].receipts.last_delivered_seq", Long.class)).containsExactly(2L, 1L);

        receipts(ann, false);
        JsonPath hidden = ann.request().queryParam("since", cursor).get("/v1/sync").then().statusCode(200).extract()
                .jsonPath();
        assertThat(hidden.getList("items[0].receipts.last_read_seq")).containsExactly(null, null);
    }

    @Test
    void onlyMembersMarkOrSeeReceipts() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat eve = Chat.newUser();
        long direct = ann.directWith(bob);
        ann.sent(direct, "private");

        eve.request().body(Map.of("seq", 1)).post("/v1/conversations/" + direct + "/delivered")
                .then().spec(error(404, "Conversation " + direct + " not found"));
        eve.request().get("/v1/conversations/" + direct + "/receipts")
                .then().spec(error(404, "Conversation " + direct + " not found"));
        assertThat(Database.count(db, "select count(*) from chat.members where conversation_id = ? and user_id = ?",
                direct, eve.id())).isZero();
    }

    private static void delivered(Chat user, long conversation, long seq) {
        user.request().body(Map.of("seq", seq)).post("/v1/conversations/" + conversation + "/delivered")
                .then().statusCode(204);
    }

    private static void read(Chat user, long conversation, long seq) {
        user.request().body(Map.of("seq", seq)).post("/v1/conversations/" + conversation + "/read")
                .then().statusCode(204);
    }

    // Waits for the change itself: more than one follower reads account-service's feed, and the one that asks past
    // the event first need not be the one that applies it.
    private void receipts(Chat user, boolean enabled) {
        Neighbours.accountEvent("read.receipts", Long.toString(user.id()),
                Map.of("user_id", user.id(), "enabled", enabled));
        await().atMost(Duration.ofSeconds(10)).until(() -> Database.count(db,
                "select count(*) from chat.receipts_hidden where user_id = ?", user.id()) == (enabled ? 0 : 1));
    }

    private static void assertMarks(Chat reader, long conversation, Chat member, Number read, Number delivered) {
        JsonPath receipts = reader.request().get("/v1/conversations/" + conversation + "/receipts").then()
                .statusCode(200).extract().jsonPath();
        String item = "items.find { it.user_id == " + member.id() + " }";
        assertThat(receipts.getObject(item + ".last_read_seq", Long.class))
                .isEqualTo(read == null ? null : read.longValue());
        assertThat(receipts.getObject(item + ".last_delivered_seq", Long.class))
                .isEqualTo(delivered == null ? null : delivered.longValue());
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port;
    }
}
