package dev.parley.chat;

import static dev.parley.testing.ErrorSpec.error;
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

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

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
    void concurrentResendsOfOneMessageStoreExactlyOneRow() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long conversation = ann.directWith(bob);
        List<Integer> statuses = concurrently(16, i -> ann.send(conversation, "retry storm", "storm").statusCode());

        assertThat(statuses).containsOnly(200, 201);
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(Database.count(db, "select count(*) from chat.messages where conversation_id = ?", conversation))
                .isEqualTo(1);
        assertThat(Database.single(db, "select last_seq from chat.conversations where id = ?", conversation))
                .isEqualTo(1L);
    }

    @Test
    void twentyConcurrentSendersGetSeqOneToNWithoutGaps() {
        Chat owner = Chat.newUser();
        List<Chat> senders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            senders.add(Chat.newUser().befriend(owner));
        }
        long group = owner.group("busy", senders.toArray(Chat[]::new));
        int perSender = 5;
        concurrently(20, i -> {
            for (int n = 0; n < perSender; n++) {
                senders.get(i).send(group, "message " + n + " from " + i).then().statusCode(201);
            }
            return 0;
        });

        List<Object> seqs = Database.column(db, "select seq from chat.messages where conversation_id = ? order by seq",
                group);
        assertThat(seqs).hasSize(20 * perSender);
        for (int i = 0; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isEqualTo((long) i + 1);
        }
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
