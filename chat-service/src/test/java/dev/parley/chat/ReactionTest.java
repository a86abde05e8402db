package dev.parley.chat;

import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

/** Reactions: one emoji each, counted exactly, shown with every message and announced to every member. */
@QuarkusTest
class ReactionTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String THUMBS_UP = "👍";
    private static final String HEART = "❤️";

    @Inject
    DataSource db;

    @Test
    void membersReactAndEveryoneSeesTheCountsInTheOrderTheEmojiWereFirstUsed() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat cid = Chat.newUser().befriend(ann);
        long group = ann.group("Team", bob, cid);
        long message = messageId(ann.send(group, "Ship it?"));

        react(bob, group, message, THUMBS_UP).then().statusCode(204);
        react(cid, group, message, HEART).then().statusCode(204);
        react(cid, group, message, THUMBS_UP).then().statusCode(204);
        react(cid, group, message, THUMBS_UP).then().statusCode(204);

        JsonPath seenByBob = newest(bob, group);
        assertThat(seenByBob.getList("reactions.emoji", String.class)).containsExactly(THUMBS_UP, HEART);
        assertThat(seenByBob.getList("reactions.count", Long.class)).containsExactly(2L, 1L);
        assertThat(seenByBob.getList("reactions.me", Boolean.class)).containsExactly(true, false);
        assertThat(newest(cid, group).getList("reactions.me", Boolean.class)).containsExactly(true, true);
        assertThat(newest(ann, group).getList("reactions.me", Boolean.class)).containsExactly(false, false);

        unreact(bob, group, message, THUMBS_UP).then().statusCode(204);
        unreact(bob, group, message, THUMBS_UP).then().statusCode(204);
        assertThat(newest(bob, group).getList("reactions.count", Long.class)).containsExactly(1L, 1L);
        assertThat(Database.count(db, "select count(*) from chat.reactions where message_id = ?", message))
                .isEqualTo(2);
    }

    @Test
    void reactionEventsReachEveryMemberWithTheMessageEmojiAndUser() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        long message = messageId(ann.send(direct, "Lunch?"));

        try (StreamClient annStream = StreamClient.withHeader(base(), ann.token())) {
            react(bob, direct, message, "👍🏽").then().statusCode(204);
            JsonNode added = annStream.next("reaction.added", WAIT);
            assertThat(added.path("conversation_id").asLong()).isEqualTo(direct);
            assertThat(added.path("data").path("message_id").asLong()).isEqualTo(message);
            assertThat(added.path("data").path("emoji").asText()).isEqualTo("👍🏽");
            assertThat(added.path("data").path("user_id").asLong()).isEqualTo(bob.id());

            unreact(bob, direct, message, "👍🏽").then().statusCode(204);
            JsonNode removed = annStream.next("reaction.removed", WAIT);
            assertThat(removed.path("data").path("emoji").asText()).isEqualTo("👍🏽");
            assertThat(removed.path("data").path("user_id").asLong()).isEqualTo(bob.id());
        }
    }

    @Test
    void twentyMembersReactingAtOnceAreCountedExactly() throws Exception {
        Chat ann = Chat.newUser();
        List<Chat> crowd = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            crowd.add(Chat.newUser().befriend(ann));
        }
        long group = ann.group("Crowd", crowd.toArray(Chat[]::new));
        long message = messageId(ann.send(group, "Vote"));

        List<Integer> added = allAtOnce(crowd.stream()
                .<Callable<Integer>>map(member -> () -> react(member, group, message, THUMBS_UP).statusCode())
                .toList());
        assertThat(added).containsOnly(204);
        assertThat(newest(ann, group).getList("reactions.count", Long.class)).containsExactly(20L);

        List<Integer> removed = allAtOnce(crowd.subList(0, 10).stream()
                .<Callable<Integer>>map(member -> () -> unreact(member, group, message, THUMBS_UP).statusCode())
                .toList());
        assertThat(removed).containsOnly(204);
        assertThat(newest(ann, group).getList("reactions.count", Long.class)).containsExactly(10L);
        assertThat(Database.single(db, "select count from chat.reaction_totals where message_id = ?", message))
                .isEqualTo(10);
    }

    @Test
    void anEmojiIsOneGraphemeAndTheSameEmojiIsOneReactionWithOrWithoutItsVariationSelector() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        long message = messageId(ann.send(direct, "Hello"));

        for (String invalid : List.of("a", "1", "👍👍", "👍 ", ":+1:", "🏽", "\u200D👍")) {
            react(bob, direct, message, invalid).then().spec(error(400, "Invalid emoji"));
        }
        for (String valid : List.of("👨‍👩‍👧", "🇯🇵", "1️⃣", "🏳️‍🌈", "🧑🏽‍💻")) {
            react(bob, direct, message, valid).then().statusCode(204);
        }
        react(bob, direct, message, "❤").then().statusCode(204);
        react(ann, direct, message, HEART).then().statusCode(204);

        JsonPath shown = newest(ann, direct);
        assertThat(shown.getList("reactions.emoji", String.class))
                .containsExactly("👨‍👩‍👧", "🇯🇵", "1️⃣", "🏳️‍🌈", "🧑🏽‍💻", HEART);
        assertThat(shown.getList("reactions.count", Long.class)).containsExactly(1L, 1L, 1L, 1L, 1L, 2L);
    }

    @Test
    void aMessageHasAtMostFiftyDifferentEmoji() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        long message = messageId(ann.send(direct, "React to me"));

        for (int i = 0; i < 50; i++) {
            react(bob, direct, message, Character.toString(0x1F600 + i)).then().statusCode(204);
        }
        react(bob, direct, message, Character.toString(0x1F600 + 50)).then().spec(error(400, "Too many reactions"));
        react(ann, direct, message, Character.toString(0x1F600)).then().statusCode(204);
        assertThat(newest(ann, direct).getList("reactions", Map.class)).hasSize(50);
    }

    @Test
    void aDeletedMessageTakesNoReactionsAndLosesThoseItHad() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        long message = messageId(ann.send(direct, "Oops"));
        react(bob, direct, message, THUMBS_UP).then().statusCode(204);

        ann.request().delete("/v1/conversations/" + direct + "/messages/" + message).then().statusCode(204);

        react(bob, direct, message, HEART).then().spec(error(409, "Message is deleted"));
        unreact(bob, direct, message, THUMBS_UP).then().spec(error(409, "Message is deleted"));
        bob.request().get("/v1/conversations/" + direct + "/messages").then().statusCode(200)
                .body("items[0].reactions", empty());
        assertThat(Database.count(db, "select count(*) from chat.reactions where message_id = ?", message)).isZero();
        assertThat(Database.count(db, "select count(*) from chat.reaction_totals where message_id = ?", message))
                .isZero();
    }

    @Test
    void onlyMembersReactOrSeeWhoReactedAndOnlyToMessagesOfTheConversation() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat eve = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        long message = messageId(ann.send(direct, "Private"));
        long elsewhere = ann.group("Other", eve);
        long otherMessage = messageId(ann.send(elsewhere, "Elsewhere"));

        react(eve, direct, message, THUMBS_UP).then().spec(error(404, "Conversation " + direct + " not found"));
        unreact(eve, direct, message, THUMBS_UP).then().spec(error(404, "Conversation " + direct + " not found"));
        eve.request().get(reactionPath(direct, message, THUMBS_UP), THUMBS_UP)
                .then().spec(error(404, "Conversation " + direct + " not found"));
        react(eve, elsewhere, message, THUMBS_UP).then().spec(error(404, "Message " + message + " not found"));
        react(bob, direct, otherMessage, THUMBS_UP)
                .then().spec(error(404, "Message " + otherMessage + " not found"));
        bob.request().get(reactionPath(direct, otherMessage, THUMBS_UP), THUMBS_UP)
                .then().spec(error(404, "Message " + otherMessage + " not found"));
        assertThat(Database.count(db, "select count(*) from chat.reactions where message_id in (?, ?)", message,
                otherMessage)).isZero();
    }

    @Test
    void whoReactedIsListedNewestFirstPageByPage() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat cid = Chat.newUser().befriend(ann);
        long group = ann.group("Team", bob, cid);
        long message = messageId(ann.send(group, "Who agrees?"));
        for (Chat member : List.of(ann, bob, cid)) {
            react(member, group, message, THUMBS_UP).then().statusCode(204);
        }

        JsonPath first = bob.request().queryParam("limit", 2).get(reactionPath(group, message, THUMBS_UP), THUMBS_UP)
                .then().statusCode(200).body("items", hasSize(2)).extract().jsonPath();
        assertThat(first.getList("items.user_id", Long.class)).containsExactly(cid.id(), bob.id());
        bob.request().queryParam("limit", 2).queryParam("cursor", first.getString("next_cursor"))
                .get(reactionPath(group, message, THUMBS_UP), THUMBS_UP).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].user_id", equalTo((int) ann.id()))
                .body("next_cursor", nullValue());
        bob.request().get(reactionPath(group, message, HEART), HEART).then().statusCode(200).body("items", empty());
    }

    @Test
    void aReactionBringsItsMessageBackInTheNextSync() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        long message = messageId(ann.send(direct, "Sync me"));
        String cursor = bob.request().get("/v1/sync").then().statusCode(200).extract().jsonPath()
                .getString("next_cursor");

        react(bob, direct, message, THUMBS_UP).then().statusCode(204);

        JsonPath sync = bob.request().queryParam("since", cursor).get("/v1/sync").then().statusCode(200).extract()
                .jsonPath();
        assertThat(sync.getList("items[0].messages.id", Long.class)).containsExactly(message);
        assertThat(sync.getList("items[0].messages[0].reactions.emoji", String.class)).containsExactly(THUMBS_UP);
        assertThat(sync.getList("items[0].messages[0].reactions.me", Boolean.class)).containsExactly(true);
    }

    private static Response react(Chat user, long conversation, long message, String emoji) {
        return user.request().put(reactionPath(conversation, message, emoji), emoji);
    }

    private static Response unreact(Chat user, long conversation, long message, String emoji) {
        return user.request().delete(reactionPath(conversation, message, emoji), emoji);
    }

    private static String reactionPath(long conversation, long message, String emoji) {
        return "/v1/conversations/" + conversation + "/messages/" + message + "/reactions/{emoji}";
    }

    private static JsonPath newest(Chat user, long conversation) {
        return user.request().get("/v1/conversations/" + conversation + "/messages").then().statusCode(200)
                .extract().jsonPath().setRootPath("items[0]");
    }

    private static long messageId(Response sent) {
        return sent.then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static <T> List<T> allAtOnce(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> result : pool.invokeAll(calls)) {
                results.add(result.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port;
    }
}
