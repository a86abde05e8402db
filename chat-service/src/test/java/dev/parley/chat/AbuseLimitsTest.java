package dev.parley.chat;

import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import dev.parley.chat.support.Chat;
import dev.parley.testing.Database;

@QuarkusTest
class AbuseLimitsTest {

    private static final String TOO_FAST = "You are sending messages too fast; try again shortly";
    private static final String TOO_MANY_CONVERSATIONS = "Too many conversations created; try again later";

    @Inject
    DataSource db;

    @Test
    void aUserSendsABurstOfAHundredThenTwentyASecond() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long conversation = ann.group("burst", bob);

        double refusedBefore = refusals("message-sends");
        ExecutorService senders = Executors.newFixedThreadPool(16);
        List<Response> answers = new ArrayList<>();
        long started = System.nanoTime();
        try {
            List<Future<Response>> pending = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                pending.add(senders.submit(() -> ann.send(conversation, "message " + n)));
            }
            for (Future<Response> answer : pending) {
                answers.add(answer.get(30, TimeUnit.SECONDS));
            }
        } finally {
            senders.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        long accepted = answers.stream().filter(r -> r.statusCode() == 201).count();
        List<Response> refused = answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(accepted + refused.size()).isEqualTo(200);
        assertThat(accepted).isBetween(100L, 100L + (long) Math.ceil(20 * seconds) + 1);
        assertThat(refusals("message-sends") - refusedBefore).isEqualTo(refused.size());
        assertThat(Database.count(db, "select count(*) from chat.messages where sender_id = ?", ann.id()))
                .isEqualTo(accepted);
        // On a loaded machine the burst may take long enough to refill the bucket; sending on empties it anyway.
        Response refusal = refused.isEmpty() ? untilRefused(ann, conversation) : refused.get(0);
        refusal.then().spec(error(429, TOO_FAST)).header("Retry-After", "1");

        // Others are not slowed down, and the sender may go on once the rate allows.
        bob.send(conversation, "still here").then().statusCode(201);
        Thread.sleep(1_000);
        ann.send(conversation, "a second later").then().statusCode(201);
    }

    @Test
    void reactionsAndPinsHaveABurstOfAHundredOfTheirOwn() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        long message = ann.send(direct, "react away").then().statusCode(201).extract().jsonPath().getLong("id");
        String reaction = "/v1/conversations/" + direct + "/messages/" + message + "/reactions/{emoji}";

        double refusedBefore = refusals("message-changes");
        int accepted = 0;
        Response refused = null;
        long started = System.nanoTime();
        for (int i = 0; i < 1000 && refused == null; i++) {
            Response answer = i % 2 == 0 ? bob.request().put(reaction, "👍") : bob.request().delete(reaction, "👍");
            if (answer.statusCode() == 204) {
                accepted++;
            } else {
                refused = answer;
            }
        }

        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(accepted).isBetween(100, 100 + (int) Math.ceil(20 * seconds) + 1);
        refused.then().spec(error(429, "You are reacting or pinning too fast; try again shortly"))
                .header("Retry-After", "1");
        assertThat(refusals("message-changes") - refusedBefore).isEqualTo(1.0);
        bob.send(direct, "sending is a budget of its own").then().statusCode(201);
    }

    @Test
    void aUserCreatesAtMostAHundredConversationsADayWhileOpeningExistingOnesStaysFree() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        for (int i = 1; i < 100; i++) {
            ann.group("group " + i, bob);
        }

        double refusedBefore = refusals("conversations-created");
        ann.request().body(Map.of("type", "group", "title", "one too many", "member_ids", List.of(bob.id())))
                .post("/v1/conversations").then().spec(error(429, TOO_MANY_CONVERSATIONS));
        assertThat(refusals("conversations-created") - refusedBefore).isEqualTo(1);
        ann.request().body(Map.of("type", "direct", "user_id", bob.id())).post("/v1/conversations").then()
                .statusCode(200).body("id", org.hamcrest.Matchers.equalTo((int) direct));
        Chat carol = Chat.newUser().befriend(ann);
        ann.request().body(Map.of("type", "direct", "user_id", carol.id())).post("/v1/conversations").then()
                .spec(error(429, TOO_MANY_CONVERSATIONS));
        assertThat(Database.count(db, "select count(*) from chat.conversations where created_by = ?", ann.id()))
                .isEqualTo(100);

        // Someone else may still open a conversation with the same people.
        carol.request().body(Map.of("type", "direct", "user_id", ann.id())).post("/v1/conversations").then()
                .statusCode(201);
    }

    /** Refusals counted for the limit: {@code parley_rate_limited_total{limit}}. */
    private static double refusals(String limit) {
        String metrics = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher value = Pattern.compile("(?m)^parley_rate_limited_total\\{[^}]*limit=\"" + limit + "\"[^}]*} (\\S+)$")
                .matcher(metrics);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    // Rounds of forty sends at once: faster than the bucket refills, unless the service manages fewer than twenty
    // sends a second.
    private static Response untilRefused(Chat sender, long conversation) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < 10; round++) {
                List<Future<Response>> pending = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    int n = i;
                    pending.add(senders.submit(() -> sender.send(conversation, "more " + n)));
                }
                for (Future<Response> answer : pending) {
                    Response response = answer.get(30, TimeUnit.SECONDS);
                    if (response.statusCode() == 429) {
                        return response;
                    }
                }
            }
        } finally {
            senders.shutdownNow();
        }
        throw new AssertionError("400 sends in rounds of forty were never refused");
    }
}
