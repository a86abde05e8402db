package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import dev.parley.chat.api.MessageView;
import dev.parley.chat.repository.MessageRepository;
import dev.parley.chat.support.Chat;
import dev.parley.chat.support.TightLimits;

/** Answers whose items can be long stay under their byte budget and continue with a cursor, skipping nothing. */
@QuarkusTest
@TestProfile(TightLimits.class)
class BoundedAnswersTest {

    @Inject
    ObjectMapper json;

    // About 1.3 KB of JSON each: a dozen fill a 16 KiB answer.
    private static final String LONG = "\u00e9".repeat(500);

    @Test
    void aSyncLargerThanItsBudgetComesInPartsAndSkipsNothing() {
        Chat hub = Chat.newUser();
        Map<Long, Integer> expected = new LinkedHashMap<>();
        long huge = 0;
        for (int i = 0; i < 6; i++) {
            Chat friend = Chat.newUser().befriend(hub);
            long direct = friend.directWith(hub);
            // The third conversation alone is larger than an answer.
            int messages = i == 2 ? 20 : 4;
            for (int m = 0; m < messages; m++) {
                friend.sent(direct, m + " " + LONG);
            }
            expected.put(direct, messages);
            huge = i == 2 ? direct : huge;
        }

        Map<Long, List<Long>> seqs = new LinkedHashMap<>();
        List<Boolean> truncated = new ArrayList<>();
        String cursor = null;
        int answers = 0;
        JsonPath answer;
        do {
            Response response = hub.request().queryParam("since", cursor == null ? "" : cursor).get("/v1/sync");
            response.then().statusCode(200);
            assertThat(response.asByteArray().length).isLessThanOrEqualTo(TightLimits.ANSWER_BYTES);
            answer = response.jsonPath();
            List<Long> ids = answer.getList("items.conversation.id", Long.class);
            assertThat(ids).as("answer %d makes progress", answers).isNotEmpty();
            for (int i = 0; i < ids.size(); i++) {
                assertThat(seqs).as("conversation %d came twice", ids.get(i)).doesNotContainKey(ids.get(i));
                seqs.put(ids.get(i), answer.getList("items[" + i + "].messages.seq", Long.class));
                truncated.add(answer.getBoolean("items[" + i + "].messages_truncated"));
            }
            cursor = answer.getString("next_cursor");
            answers++;
        } while (answer.getBoolean("has_more"));

        assertThat(answers).isGreaterThan(2);
        assertThat(seqs.keySet()).containsExactlyElementsOf(expected.keySet());
        List<Long> order = new ArrayList<>(seqs.keySet());
        for (long id : order) {
            boolean cut = truncated.get(order.indexOf(id));
            assertThat(cut).as("conversation %d truncated", id).isEqualTo(id == huge);
            if (id != huge) {
                assertThat(seqs.get(id)).containsExactly(1L, 2L, 3L, 4L);
            }
        }
        List<Long> first = seqs.get(huge);
        assertThat(first).isNotEmpty().hasSizeLessThan(20);
        for (int i = 0; i < first.size(); i++) {
            assertThat(first.get(i)).isEqualTo(i + 1L);
        }
        List<Long> rest = new ArrayList<>();
        Long after = first.get(first.size() - 1);
        String page = null;
        do {
            var request = hub.request().queryParam("limit", 100);
            if (page == null) {
                request.queryParam("after_seq", after);
            } else {
                request.queryParam("cursor", page);
            }
            JsonPath history = request.get("/v1/conversations/" + huge + "/messages").then().statusCode(200)
                    .extract().jsonPath();
            rest.addAll(history.getList("items.seq", Long.class));
            page = history.getString("next_cursor");
        } while (page != null);
        assertThat(rest).first().isEqualTo(first.size() + 1L);
        assertThat(rest).last().isEqualTo(20L);
        assertThat(rest).hasSize(20 - first.size());

        assertThat(hub.request().queryParam("since", cursor).get("/v1/sync").then().statusCode(200).extract()
                .jsonPath().getList("items")).isEmpty();
    }

    @Test
    void theDatabaseCountsLessForAMessageThanItsShortestJson() throws Exception {
        MessageView shortest = new MessageView(1, 1, 1, 1, null, null, Instant.EPOCH, null, false, null,
                List.of(), List.of(), false, List.of());
        assertThat(json.writeValueAsBytes(shortest).length).isGreaterThan(MessageRepository.MESSAGE_OVERHEAD);
    }

    @Test
    void aHistoryPageOfLongMessagesEndsAtItsBudgetAndTheCursorContinues() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        for (int i = 0; i < 30; i++) {
            ann.sent(direct, i + " " + LONG);
        }
        for (String direction : List.of("before", "after")) {
            List<Long> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                var request = bob.request().queryParam("limit", 100);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                } else if (direction.equals("after")) {
                    request.queryParam("after_seq", 0);
                }
                Response response = request.get("/v1/conversations/" + direct + "/messages");
                response.then().statusCode(200);
                byte[] body = response.asByteArray();
                assertThat(body.length).isLessThanOrEqualTo(TightLimits.ANSWER_BYTES);
                JsonPath page = new JsonPath(new String(body, StandardCharsets.UTF_8));
                assertThat(page.getList("items")).isNotEmpty();
                seen.addAll(page.getList("items.seq", Long.class));
                cursor = page.getString("next_cursor");
                pages++;
            } while (cursor != null);
            assertThat(pages).as(direction).isGreaterThan(1);
            List<Long> all = new ArrayList<>();
            for (long seq = 1; seq <= 30; seq++) {
                all.add(direction.equals("after") ? seq : 31 - seq);
            }
            assertThat(seen).as(direction).containsExactlyElementsOf(all);
        }
    }
}
