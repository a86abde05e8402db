package dev.parley.chat;

import static dev.parley.testing.ErrorSpec.error;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import dev.parley.chat.support.Chat;
import dev.parley.common.paging.Cursor;

@QuarkusTest
class SyncTest {

    @Test
    void firstSyncReturnsEveryConversationWithItsMessages() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        ann.sent(direct, "one");
        bob.sent(direct, "two");

        JsonPath sync = sync(bob, null);
        assertThat(sync.getList("items.conversation.id", Long.class)).containsExactly(direct);
        assertThat(sync.getList("items[0].messages.body", String.class)).containsExactly("one", "two");
        assertThat(sync.getBoolean("items[0].messages_truncated")).isFalse();
        assertThat(sync.getBoolean("has_more")).isFalse();
        assertThat(sync.getString("next_cursor")).isNotBlank();
    }

    @Test
    void syncAfterACursorReturnsOnlyWhatChangedSince() {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        Chat cid = Chat.newUser().befriend(bob);
        long withAnn = bob.directWith(ann);
        long withCid = bob.directWith(cid);
        ann.sent(withAnn, "old");
        cid.sent(withCid, "old too");
        String cursor = sync(bob, null).getString("next_cursor");

        assertThat(sync(bob, cursor).getList("items")).isEmpty();
        long id = ann.send(withAnn, "while offline").then().extract().jsonPath().getLong("id");
        ann.sent(withAnn, "and more");
        ann.request().body(Map.of("body", "edited while offline"))
                .patch("/v1/conversations/" + withAnn + "/messages/" + id).then().statusCode(200);

        JsonPath changes = sync(bob, cursor);
        assertThat(changes.getList("items.conversation.id", Long.class)).containsExactly(withAnn);
        assertThat(changes.getList("items[0].messages.body", String.class))
                .containsExactly("edited while offline", "and more");
        assertThat(changes.getList("items[0].messages.seq", Long.class)).containsExactly(2L, 3L);
        assertThat(changes.getLong("items[0].conversation.unread_count")).isEqualTo(3);
        assertThat(sync(bob, changes.getString("next_cursor")).getList("items")).isEmpty();
    }

    @Test
    void joiningAGroupBringsItIntoTheNextSync() {
        Chat owner = Chat.newUser();
        Chat late = Chat.newUser().befriend(owner);
        Chat early = Chat.newUser().befriend(owner);
        long group = owner.group("g", early);
        String cursor = sync(late, null).getString("next_cursor");
        owner.request().body(Map.of("user_id", late.id())).post("/v1/conversations/" + group + "/members")
                .then().statusCode(201);
        assertThat(sync(late, cursor).getList("items.conversation.id", Long.class)).containsExactly(group);
    }

    @Test
    void manyChangedConversationsComePageByPage() {
        Chat hub = Chat.newUser();
        for (int i = 0; i < 3; i++) {
            Chat friend = Chat.newUser().befriend(hub);
            friend.sent(friend.directWith(hub), "hi " + i);
        }
        List<Long> seen = new java.util.ArrayList<>();
        String cursor = null;
        JsonPath page;
        do {
            page = sync(hub, cursor, 2);
            seen.addAll(page.getList("items.conversation.id", Long.class));
            cursor = page.getString("next_cursor");
        } while (page.getBoolean("has_more"));
        assertThat(seen).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void aMalformedCursorIsRefused() {
        Chat ann = Chat.newUser();
        ann.request().queryParam("since", "definitely-not-a-cursor").get("/v1/sync")
                .then().spec(error(400, "Invalid cursor"));
    }

    @Test
    void aCursorWithATransactionIdBeyondSixtyFourBitsIsRefused() {
        Chat ann = Chat.newUser();
        for (String xid : new String[]{"18446744073709551616", "99999999999999999999"}) {
            ann.request().queryParam("since", Cursor.of(xid, 0, "").encode()).get("/v1/sync")
                    .then().spec(error(400, "Invalid cursor"));
        }
    }

    @Test
    void aConversationListCursorWithATimePostgresCannotStoreIsRefused() {
        Chat ann = Chat.newUser();
        ann.request().queryParam("cursor", Cursor.of("+200000-01-01T00:00:00Z", 1).encode())
                .get("/v1/conversations").then().spec(error(400, "Invalid cursor"));
    }

    private static JsonPath sync(Chat who, String cursor) {
        return sync(who, cursor, 0);
    }

    private static JsonPath sync(Chat who, String cursor, int limit) {
        var request = who.request();
        if (limit > 0) {
            request.queryParam("limit", limit);
        }
        if (cursor != null) {
            request.queryParam("since", cursor);
        }
        return request.get("/v1/sync").then().statusCode(200).extract().jsonPath();
    }
}
