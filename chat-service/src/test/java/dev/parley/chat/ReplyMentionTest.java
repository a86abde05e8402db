package dev.parley.chat;

import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import dev.parley.chat.support.Chat;
import dev.parley.testing.Database;
import dev.parley.testing.StreamClient;

/** Replies quote the message they answer; mentions name members and are counted until read. */
@QuarkusTest
class ReplyMentionTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    DataSource db;

    @Test
    void aReplyCarriesAQuoteOfItsOriginalThatEmptiesWhenTheOriginalIsDeleted() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        String longText = "x".repeat(150) + "界".repeat(100);
        JsonPath original = ann.send(direct, longText).then().statusCode(201).extract().jsonPath();
        long originalId = original.getLong("id");

        JsonPath reply = send(bob, direct, Map.of("body", "Agreed", "reply_to", originalId)).then().statusCode(201)
                .body("reply_to.id", equalTo((int) originalId))
                .body("reply_to.seq", equalTo(1))
                .body("reply_to.sender_id", equalTo((int) ann.id()))
                .body("reply_to.deleted", equalTo(false))
                .extract().jsonPath();
        assertThat(reply.getString("reply_to.snippet")).isEqualTo("x".repeat(150) + "界".repeat(50));
        assertThat(Database.single(db, "select reply_to_id from chat.messages where id = ?", reply.getLong("id")))
                .isEqualTo(originalId);

        ann.request().delete("/v1/conversations/" + direct + "/messages/" + originalId).then().statusCode(204);

        ann.request().get("/v1/conversations/" + direct + "/messages").then().statusCode(200)
                .body("items[0].reply_to.id", equalTo((int) originalId))
                .body("items[0].reply_to.snippet", equalTo(""))
                .body("items[0].reply_to.deleted", equalTo(true))
                .body("items[1].reply_to", nullValue());
    }

    @Test
    void aReplyQuotesOnlyAMessageOfTheSameConversation() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat cid = Chat.newUser().befriend(ann);
        long withBob = ann.directWith(bob);
        long withCid = ann.directWith(cid);
        long elsewhere = ann.send(withCid, "Secret").then().statusCode(201).extract().jsonPath().getLong("id");

        send(bob, withBob, Map.of("body", "Quote", "reply_to", elsewhere))
                .then().spec(error(400, "Message " + elsewhere + " is not in this conversation"));
        send(bob, withBob, Map.of("body", "Quote", "reply_to", 999_999_999L))
                .then().spec(error(400, "Message 999999999 is not in this conversation"));
        assertThat(Database.count(db, "select count(*) from chat.messages where conversation_id = ?", withBob))
                .isZero();
    }

    @Test
    void mentionsAreShownAndCountedForTheMentionedUntilTheyRead() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat cid = Chat.newUser().befriend(ann);
        long group = ann.group("Team", bob, cid);

        try (StreamClient cidStream = StreamClient.withHeader(base(), cid.token())) {
            send(ann, group, Map.of("body", "@bob @cid look", "mentions", List.of(bob.id(), cid.id(), bob.id())))
                    .then().statusCode(201).body("mentions", contains((int) bob.id(), (int) cid.id()));
            JsonNode created = cidStream.next("message.created", WAIT);
            assertThat(created.path("data").path("mentions").toString())
                    .isEqualTo("[" + bob.id() + "," + cid.id() + "]");
        }
        long second = send(ann, group, Map.of("body", "@bob again", "mentions", List.of(bob.id()))).then()
                .statusCode(201).extract().jsonPath().getLong("seq");

        assertThat(mentionCount(bob, group)).isEqualTo(2);
        assertThat(mentionCount(cid, group)).isEqualTo(1);
        assertThat(mentionCount(ann, group)).isZero();

        bob.request().body(Map.of("seq", 1)).post("/v1/conversations/" + group + "/read").then().statusCode(204);
        assertThat(mentionCount(bob, group)).isEqualTo(1);
        bob.request().body(Map.of("seq", second)).post("/v1/conversations/" + group + "/read").then().statusCode(204);
        assertThat(mentionCount(bob, group)).isZero();
        assertThat(detailMentionCount(cid, group)).isEqualTo(1);
    }

    @Test
    void aDeletedMessageNoLongerCountsAsAMention() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long group = ann.group("Team", bob);
        long id = send(ann, group, Map.of("body", "@bob hi", "mentions", List.of(bob.id()))).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        assertThat(mentionCount(bob, group)).isEqualTo(1);

        ann.request().delete("/v1/conversations/" + group + "/messages/" + id).then().statusCode(204);

        assertThat(mentionCount(bob, group)).isZero();
        bob.request().get("/v1/conversations/" + group + "/messages").then().statusCode(200)
                .body("items[0].mentions", empty());
        assertThat(Database.count(db, "select count(*) from chat.mentions where conversation_id = ?", group))
                .isZero();
    }

    @Test
    void mentionsSentAtOnceAreCountedExactly() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        List<Chat> senders = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            senders.add(Chat.newUser().befriend(ann));
        }
        List<Chat> everyone = new ArrayList<>(senders);
        everyone.add(bob);
        long group = ann.group("Crowd", everyone.toArray(Chat[]::new));

        ExecutorService pool = Executors.newFixedThreadPool(senders.size());
        try {
            List<Future<Integer>> sent = new ArrayList<>();
            for (Chat sender : senders) {
                sent.add(pool.submit(() -> send(sender, group, Map.of("body", "@bob", "mentions", List.of(bob.id())))
                        .statusCode()));
            }
            for (Future<Integer> status : sent) {
                assertThat(status.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(mentionCount(bob, group)).isEqualTo(10);
        bob.request().body(Map.of("seq", 5)).post("/v1/conversations/" + group + "/read").then().statusCode(204);
        assertThat(mentionCount(bob, group)).isEqualTo(5);
    }

    @Test
    void onlyMembersCanBeMentionedAndAtMostFifty() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat stranger = Chat.newUser();
        long group = ann.group("Team", bob);

        send(ann, group, Map.of("body", "hi", "mentions", List.of(bob.id(), stranger.id())))
                .then().spec(error(400, "User " + stranger.id() + " is not a member"));
        List<Long> many = LongStream.rangeClosed(1, 51).boxed().toList();
        send(ann, group, Map.of("body", "hi", "mentions", many))
                .then().spec(error(400, "mentions must name at most 50 users"));
        assertThat(Database.count(db, "select count(*) from chat.messages where conversation_id = ?", group))
                .isZero();
    }

    @Test
    void anOutsiderLearnsNothingFromARichSendToAConversationTheyAreNotIn() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat eve = Chat.newUser().befriend(ann);
        long group = ann.group("Team", bob);
        long first = ann.send(group, "hello").then().statusCode(201).extract().jsonPath().getLong("id");

        send(eve, group, Map.of("body", "hi", "reply_to", first))
                .then().spec(error(404, "Conversation " + group + " not found"));
        send(eve, group, Map.of("body", "hi", "mentions", List.of(eve.id())))
                .then().spec(error(404, "Conversation " + group + " not found"));
    }

    private static Response send(Chat user, long conversation, Map<String, Object> body) {
        Map<String, Object> message = new HashMap<>(body);
        message.put("client_message_id", UUID.randomUUID().toString());
        return user.request().body(message).post("/v1/conversations/" + conversation + "/messages");
    }

    private static long mentionCount(Chat user, long conversation) {
        List<Map<String, Object>> items = user.request().queryParam("limit", 100).get("/v1/conversations").then()
                .statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(item -> ((Number) item.get("id")).longValue() == conversation)
                .map(item -> ((Number) item.get("unread_mention_count")).longValue()).findFirst().orElseThrow();
    }

    private static long detailMentionCount(Chat user, long conversation) {
        return user.conversation(conversation).then().statusCode(200).extract().jsonPath()
                .getLong("unread_mention_count");
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port;
    }
}
