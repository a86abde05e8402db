package dev.parley.chat;

import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import dev.parley.chat.support.Chat;
import dev.parley.testing.Database;

@QuarkusTest
class MessageTest {

    @Inject
    DataSource db;

    @Test
    void sentMessageTakesTheNextSeqAndAnswersTheAgreedShape() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long conversation = ann.directWith(bob);

        ann.send(conversation, "  hello bob  ", "c-1").then().statusCode(201)
                .body("id", notNullValue())
                .body("conversation_id", equalTo((int) conversation))
                .body("seq", equalTo(1))
                .body("sender_id", equalTo((int) ann.id()))
                .body("body", equalTo("hello bob"))
                .body("client_message_id", equalTo("c-1"))
                .body("created_at", matchesPattern("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z"))
                .body("edited_at", nullValue())
                .body("deleted", equalTo(false));
        bob.send(conversation, "hi ann").then().statusCode(201).body("seq", equalTo(2));
        assertThat(Database.single(db, "select last_seq from chat.conversations where id = ?", conversation))
                .isEqualTo(2L);
    }

    @Test
    void resendingWithTheSameClientMessageIdReturnsTheStoredMessage() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long conversation = ann.directWith(bob);
        long id = ann.send(conversation, "once", "same-id").then().statusCode(201).extract().jsonPath().getLong("id");

        ann.send(conversation, "once", "same-id").then().statusCode(200)
                .body("id", equalTo((int) id)).body("seq", equalTo(1));
        // The same client id from someone else is their own message.
        bob.send(conversation, "mine", "same-id").then().statusCode(201).body("seq", equalTo(2));
        assertThat(Database.count(db, "select count(*) from chat.messages where conversation_id = ?", conversation))
                .isEqualTo(2);
    }

    @Test
    void concurrentResendsOfOneMessageStoreExactlyOneRowAndAllAnswerWithIt() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long conversation = ann.directWith(bob);
        List<Response> answers = concurrently(16, i -> ann.send(conversation, "retry storm", "storm"));

        assertThat(answers).extracting(Response::statusCode).containsOnly(200, 201);
        assertThat(answers).filteredOn(answer -> answer.statusCode() == 201).hasSize(1);
        assertThat(answers).extracting(answer -> answer.jsonPath().getLong("id")).containsOnly(
                answers.get(0).jsonPath().getLong("id"));
        assertThat(answers).extracting(answer -> answer.jsonPath().getLong("seq")).containsOnly(1L);
        assertThat(Database.count(db, "select count(*) from chat.messages where conversation_id = ?", conversation))
                .isEqualTo(1);
        assertThat(Database.single(db, "select last_seq from chat.conversations where id = ?", conversation))
                .isEqualTo(1L);
    }

    @Test
    void fiftyConcurrentSendersGetSeqOneToNWithoutGapsEachInTheOrderSent() {
        Chat owner = Chat.newUser();
        List<Chat> senders = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            senders.add(Chat.newUser().befriend(owner));
        }
        long group = owner.group("busy", senders.toArray(Chat[]::new));
        int perSender = 4;
        concurrently(50, i -> {
            for (int n = 0; n < perSender; n++) {
                senders.get(i).send(group, "message " + n + " from " + i).then().statusCode(201);
            }
            return 0;
        });

        List<Object> seqs = Database.column(db, "select seq from chat.messages where conversation_id = ? order by seq",
                group);
        assertThat(seqs).hasSize(50 * perSender);
        for (int i = 0; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isEqualTo((long) i + 1);
        }
        for (int i = 0; i < senders.size(); i++) {
            int sender = i;
            assertThat(Database.column(db, "select body from chat.messages where conversation_id = ? and sender_id = ?"
                    + " order by seq", group, senders.get(i).id())).containsExactly(IntStream.range(0, perSender)
                            .mapToObj(n -> "message " + n + " from " + sender).toArray());
        }
        String metrics = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(batchSizeMax(metrics)).as("sends that arrive together are stored together").isGreaterThan(1);
    }

    @Test
    void aSendFromSomeoneWhoIsNotAMemberFailsAloneAmongConcurrentSends() {
        Chat owner = Chat.newUser();
        Chat outsider = Chat.newUser().befriend(owner);
        List<Chat> members = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            members.add(Chat.newUser().befriend(owner));
        }
        long group = owner.group("members only", members.toArray(Chat[]::new));
        List<Integer> statuses = concurrently(16, i -> i % 4 == 3
                ? outsider.send(group, "let me in").then().spec(error(404, "Conversation " + group + " not found"))
                        .extract().statusCode()
                : members.get(i - i / 4).send(group, "member " + i).statusCode());

        assertThat(statuses).filteredOn(s -> s == 404).hasSize(4);
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(12);
        assertThat(Database.column(db, "select seq from chat.messages where conversation_id = ? order by seq",
                group)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(Database.count(db, "select count(*) from chat.messages where sender_id = ?", outsider.id()))
                .isZero();
    }

    private static double batchSizeMax(String metrics) {
        return metrics.lines().filter(line -> line.startsWith("parley_messages_batch_size_max"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).max()
                .orElse(0);
    }

    @Test
    void bodyMustHaveOneToFourThousandCharacters() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long conversation = ann.directWith(bob);
        String message = "body must be 1 to 4000 characters";
        ann.send(conversation, "   ").then().spec(error(400, message));
        ann.send(conversation, "x".repeat(4001)).then().spec(error(400, message));
        ann.send(conversation, "x".repeat(4000)).then().statusCode(201);
        ann.request().body(Map.of("client_message_id", "x")).post("/v1/conversations/" + conversation + "/messages")
                .then().spec(error(400, "expected 'body' key"));
        ann.send(conversation, "ok", "x".repeat(65))
                .then().spec(error(400, "client_message_id must be 1 to 64 characters"));
    }

    @Test
    void historyPagesBackwardsFromTheNewestAndForwardsAfterASeq() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long conversation = ann.directWith(bob);
        for (int i = 1; i <= 5; i++) {
            ann.sent(conversation, "m" + i);
        }
        String path = "/v1/conversations/" + conversation + "/messages";
        String cursor = bob.request().queryParam("limit", 2).get(path).then().statusCode(200)
                .body("items.seq", contains(5, 4)).extract().path("next_cursor");
        bob.request().queryParam("limit", 2).queryParam("cursor", cursor).get(path).then().statusCode(200)
                .body("items.seq", contains(3, 2));
        bob.request().queryParam("before_seq", 2).get(path).then().body("items.seq", contains(1))
                .body("next_cursor", nullValue());
        String forward = bob.request().queryParam("after_seq", 1).queryParam("limit", 3).get(path).then()
                .body("items.seq", contains(2, 3, 4)).extract().path("next_cursor");
        bob.request().queryParam("cursor", forward).get(path).then().body("items.seq", contains(5))
                .body("next_cursor", nullValue());

        bob.request().queryParam("before_seq", 3).queryParam("after_seq", 1).get(path)
                .then().spec(error(400, "Use before_seq or after_seq, not both"));
        bob.request().queryParam("after_seq", "abc").get(path)
                .then().spec(error(400, "after_seq must be a non-negative integer"));
        bob.request().queryParam("cursor", "nonsense").get(path).then().spec(error(400, "Invalid cursor"));
    }

    static <T> List<T> concurrently(int threads, IntFunction<T> work) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<CompletableFuture<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                futures.add(CompletableFuture.supplyAsync(() -> work.apply(index), pool));
            }
            return futures.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }
    }
}
