package dev.parley.chat;

import static dev.parley.testing.ErrorSpec.error;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import dev.parley.chat.support.Chat;
import dev.parley.testing.Database;

@QuarkusTest
class SearchTest {

    @Inject
    DataSource db;

    @Test
    void aTwoCharacterWordIsFoundInsideAChineseSentenceWithWhereAndWhenItWasSent() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long conversation = ann.directWith(bob);
        long meeting = messageId(ann, conversation, "我们明天在东京见面");
        ann.sent(conversation, "今天很忙");

        search(bob, "东京").then().statusCode(200)
                .body("items.message_id", contains((int) meeting))
                .body("items[0].conversation_id", equalTo((int) conversation))
                .body("items[0].seq", equalTo(1))
                .body("items[0].sender_id", equalTo((int) ann.id()))
                .body("items[0].created_at", matchesPattern("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z"))
                .body("items[0].snippet", equalTo("我们明天在东京见面"))
                .body("next_cursor", nullValue());
        search(bob, "京见面").then().statusCode(200).body("items.message_id", contains((int) meeting));
        search(bob, "大阪").then().statusCode(200).body("items", empty());
    }

    @Test
    void partOfAWordFindsTheWholeWordInAnyLetterCase() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long conversation = ann.directWith(bob);
        long hello = messageId(ann, conversation, "Hello there");
        long shouted = messageId(bob, conversation, "OH, HELLO!");
        ann.sent(conversation, "goodbye");

        search(ann, "ello").then().statusCode(200)
                .body("items.message_id", contains((int) shouted, (int) hello))
                .body("items.snippet", contains("OH, HELLO!", "Hello there"));
        search(bob, "hElLo").then().statusCode(200).body("items.message_id", contains((int) shouted, (int) hello));
        search(bob, "THERE").then().statusCode(200).body("items.message_id", contains((int) hello));
    }

    @Test
    void lettersWithAccentsAndOtherAlphabetsMatchInEitherCaseWhileAccentsStillCount() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long conversation = ann.directWith(bob);
        long french = messageId(ann, conversation, "Ça va TRÈS bien à l'ÉCOLE, Zoë");
        long russian = messageId(bob, conversation, "ПРИВЕТ, как дела?");
        long greek = messageId(ann, conversation, "Καλημέρα ΚΌΣΜΕ");

        search(bob, "très").then().statusCode(200).body("items.message_id", contains((int) french));
        search(bob, "école").then().statusCode(200).body("items.message_id", contains((int) french));
        search(bob, "ZOË").then().statusCode(200).body("items.message_id", contains((int) french));
        search(bob, "ça va").then().statusCode(200).body("items.message_id", contains((int) french));
        search(ann, "привет").then().statusCode(200).body("items.message_id", contains((int) russian));
        search(ann, "КАК ДЕЛА").then().statusCode(200).body("items.message_id", contains((int) russian));
        search(ann, "κόσμε").then().statusCode(200).body("items.message_id", contains((int) greek));
        // Case folds; accents are part of the letter.
        search(bob, "tres").then().statusCode(200).body("items", empty());
    }

    @Test
    void percentUnderscoreAndBackslashInTheQueryAreLiteral() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long conversation = ann.directWith(bob);
        long sure = messageId(ann, conversation, "I am 100% sure");
        ann.sent(conversation, "I am 1000 sure");
        long snake = messageId(ann, conversation, "use snake_case here");
        ann.sent(conversation, "use snakeXcase here");
        long path = messageId(ann, conversation, "saved in C:\\temp");
        ann.sent(conversation, "saved in C:temp");

        search(bob, "100%").then().statusCode(200).body("items.message_id", contains((int) sure));
        search(bob, "e_c").then().statusCode(200).body("items.message_id", contains((int) snake));
        search(bob, ":\\te").then().statusCode(200).body("items.message_id", contains((int) path));
        search(bob, "%%").then().statusCode(200).body("items", empty());
        search(bob, "__").then().statusCode(200).body("items", empty());
    }

    @Test
    void someoneWhoIsNotAMemberFindsNothingAndIsToldTheConversationDoesNotExist() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat eve = Chat.newUser();
        long conversation = ann.directWith(bob);
        ann.sent(conversation, "the secret plan");

        search(eve, "secret").then().statusCode(200).body("items", empty()).body("next_cursor", nullValue());
        eve.request().queryParam("q", "secret").queryParam("conversation_id", conversation)
                .get("/v1/search/messages").then().spec(error(404, "Conversation " + conversation + " not found"));
        long missing = conversation + 1_000_000;
        ann.request().queryParam("q", "secret").queryParam("conversation_id", missing)
                .get("/v1/search/messages").then().spec(error(404, "Conversation " + missing + " not found"));
        ann.request().queryParam("q", "secret").queryParam("conversation_id", "abc")
                .get("/v1/search/messages")
                .then().spec(error(400, "conversation_id must be a conversation id (a positive integer)"));
        given().queryParam("q", "secret").get("/v1/search/messages").then().spec(error(401));
    }

    @Test
    void aMemberWhoLeftAGroupNoLongerFindsItsMessages() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat cat = Chat.newUser().befriend(ann);
        long group = ann.group("trip", bob, cat);
        long tickets = messageId(ann, group, "tickets are booked");
        search(cat, "tickets").then().statusCode(200).body("items.message_id", contains((int) tickets));

        cat.request().delete("/v1/conversations/" + group + "/members/" + cat.id()).then().statusCode(204);

        search(cat, "tickets").then().statusCode(200).body("items", empty());
        search(bob, "tickets").then().statusCode(200).body("items.message_id", contains((int) tickets));
    }

    @Test
    void aDeletedMessageIsNeverFound() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long conversation = ann.directWith(bob);
        long kept = messageId(ann, conversation, "meet me at the bridge");
        long deleted = messageId(ann, conversation, "meet me at the old mill");
        ann.request().delete("/v1/conversations/" + conversation + "/messages/" + deleted).then().statusCode(204);

        search(bob, "old mill").then().statusCode(200).body("items", empty());
        search(bob, "meet me").then().statusCode(200).body("items.message_id", contains((int) kept));
        assertThat(Database.single(db, "select body from chat.messages where id = ?", deleted)).isNull();
        assertThat(Database.count(db, "select count(*) from chat.messages where id = ? and deleted_at is not null",
                deleted)).isEqualTo(1);
    }

    @Test
    void anEditedMessageIsFoundByItsNewTextAtOnceAndNoLongerByItsOldText() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long conversation = ann.directWith(bob);
        long id = messageId(ann, conversation, "see you at the station");
        search(bob, "station").then().statusCode(200).body("items.message_id", contains((int) id));

        ann.request().body(Map.of("body", "see you at the harbour"))
                .patch("/v1/conversations/" + conversation + "/messages/" + id).then().statusCode(200);

        search(bob, "harbour").then().statusCode(200)
                .body("items.message_id", contains((int) id))
                .body("items[0].snippet", equalTo("see you at the harbour"));
        search(bob, "station").then().statusCode(200).body("items", empty());
        assertThat(Database.single(db, "select body from chat.messages where id = ?", id))
                .isEqualTo("see you at the harbour");
    }

    @Test
    void aQueryMustHoldTwoToTwoHundredCharactersOnceTrimmed() {
        Chat ann = Chat.newUser();
        String tooShortOrLong = "q must be 2 to 200 characters";
        search(ann, "a").then().spec(error(400, tooShortOrLong));
        search(ann, "  a  ").then().spec(error(400, tooShortOrLong));
        search(ann, "x".repeat(201)).then().spec(error(400, tooShortOrLong));
        ann.request().get("/v1/search/messages").then().spec(error(400, tooShortOrLong));
        // Characters, not UTF-16 units: one emoji is one character, two hundred are two hundred.
        search(ann, "😀").then().spec(error(400, tooShortOrLong));
        search(ann, "😀".repeat(201)).then().spec(error(400, tooShortOrLong));

        search(ann, "ab").then().statusCode(200).body("items", empty());
        search(ann, "x".repeat(200)).then().statusCode(200).body("items", empty());
        search(ann, "😀".repeat(200)).then().statusCode(200).body("items", empty());
    }

    @Test
    void pagesGiveEveryHitOnceNewestFirst() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat cat = Chat.newUser().befriend(ann);
        long withBob = ann.directWith(bob);
        long withCat = ann.directWith(cat);
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            sent.add(messageId(ann, i % 2 == 0 ? withBob : withCat, "status report " + i));
            ann.sent(withBob, "unrelated " + i);
        }

        List<Long> found = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            Response page = ann.request().queryParam("q", "REPORT").queryParam("limit", 3)
                    .queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor)).get("/v1/search/messages");
            JsonPath body = page.then().statusCode(200).extract().jsonPath();
            found.addAll(body.getList("items.message_id", Long.class));
            pageSizes.add(body.getList("items").size());
            cursor = body.getString("next_cursor");
        } while (cursor != null);

        assertThat(pageSizes).containsExactly(3, 3, 1);
        assertThat(found).containsExactlyElementsOf(sent.reversed());
        assertThat(Database.count(db, "select count(*) from chat.messages where conversation_id in (?, ?) "
                + "and body like 'status report %'", withBob, withCat)).isEqualTo(7);
        ann.request().queryParam("q", "report").queryParam("cursor", "not-a-cursor").get("/v1/search/messages")
                .then().spec(error(400, "Invalid cursor"));
        ann.request().queryParam("q", "report").queryParam("limit", 101).get("/v1/search/messages")
                .then().spec(error(400, "limit must be an integer between 1 and 100"));
    }

    @Test
    void conversationIdKeepsTheSearchInsideOneConversation() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat cat = Chat.newUser().befriend(ann);
        long withBob = ann.directWith(bob);
        long withCat = ann.directWith(cat);
        long lunchWithBob = messageId(ann, withBob, "lunch on friday?");
        long lunchWithCat = messageId(cat, withCat, "Lunch today?");

        search(ann, "lunch").then().statusCode(200)
                .body("items.message_id", contains((int) lunchWithCat, (int) lunchWithBob));
        ann.request().queryParam("q", "lunch").queryParam("conversation_id", withBob).get("/v1/search/messages")
                .then().statusCode(200)
                .body("items.message_id", contains((int) lunchWithBob))
                .body("items.conversation_id", contains((int) withBob));
        ann.request().queryParam("q", "lunch").queryParam("conversation_id", withCat).get("/v1/search/messages")
                .then().statusCode(200).body("items.sender_id", contains((int) cat.id()));
        search(bob, "lunch").then().statusCode(200).body("items.message_id", contains((int) lunchWithBob));
    }

    @Test
    void aLongBodyIsShownAsAnExcerptAroundTheFirstMatch() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long conversation = ann.directWith(bob);
        String body = "word ".repeat(40) + "the Rendezvous point is here\nand then " + "more ".repeat(40);
        ann.sent(conversation, body);

        String snippet = search(bob, "rendezvous").then().statusCode(200).extract().jsonPath()
                .getString("items[0].snippet");
        assertThat(snippet).startsWith("…").endsWith("…").contains("the Rendezvous point is here and then")
                .doesNotContain("\n");
        assertThat(snippet.codePointCount(0, snippet.length())).isLessThanOrEqualTo(120);
        assertThat(Database.single(db, "select body from chat.messages where conversation_id = ?", conversation))
                .isEqualTo(body.strip());
    }

    private static Response search(Chat who, String q) {
        return who.request().queryParam("q", q).get("/v1/search/messages");
    }

    private static long messageId(Chat who, long conversation, String body) {
        return who.send(conversation, body).then().statusCode(201).extract().jsonPath().getLong("id");
    }
}
