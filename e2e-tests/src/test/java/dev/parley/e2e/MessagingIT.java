package dev.parley.e2e;

import static dev.parley.testing.StreamClient.in;
import static dev.parley.testing.StreamClient.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.path.json.JsonPath;

import dev.parley.e2e.support.Database;
import dev.parley.e2e.support.EndToEnd;
import dev.parley.e2e.support.FrontDoor;
import dev.parley.e2e.support.Product.Service;
import dev.parley.e2e.support.Social;
import dev.parley.e2e.support.User;
import dev.parley.e2e.support.Users;
import dev.parley.testing.StreamClient;

/**
 * Friends talking: a friend request and its acceptance, a direct conversation, a group a third user forms, every
 * message delivered live over {@code /v1/stream} to every member in seq order exactly once, and unread counts that
 * agree with the read marks. Everything through the front door.
 */
@EndToEnd
class MessagingIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void twoUsersBefriendOpenADirectConversationAndEachReceivesEveryMessageLiveOnceInSeqOrder() throws Exception {
        List<User> users = Users.verifiedUsers("ann", "bob");
        User ann = users.get(0);
        User bob = users.get(1);

        long request = ann.request().body(Map.of("user_id", bob.id())).post("/v1/friendships/requests")
                .then().statusCode(201).body("status", equalTo("pending"))
                .body("requester_id", equalTo((int) ann.id())).body("addressee_id", equalTo((int) bob.id()))
                .extract().jsonPath().getLong("id");
        bob.request().queryParam("direction", "incoming").get("/v1/friendships/requests")
                .then().statusCode(200).body("items.id", contains((int) request));
        ann.request().get("/v1/friendships/" + bob.id()).then().statusCode(200).body("status", equalTo("outgoing"));
        bob.request().post("/v1/friendships/requests/" + request + "/accept")
                .then().statusCode(200).body("status", equalTo("accepted"));
        ann.request().get("/v1/friendships").then().statusCode(200).body("items.user_id", contains((int) bob.id()));
        bob.request().get("/v1/friendships/" + ann.id()).then().statusCode(200).body("status", equalTo("friends"));

        try (StreamClient annStream = FrontDoor.stream(ann);
                StreamClient bobStream = FrontDoor.streamWithQueryToken(bob)) {
            long direct = ann.request().body(Map.of("type", "direct", "user_id", bob.id())).post("/v1/conversations")
                    .then().statusCode(201).extract().jsonPath().getLong("id");
            bob.request().body(Map.of("type", "direct", "user_id", ann.id())).post("/v1/conversations")
                    .then().statusCode(200).body("id", equalTo((int) direct));
            assertThat(bobStream.awaitFirst(ofType("conversation.created").and(in(direct)), WAIT))
                    .as("conversation.created on bob's stream").isNotNull();

            List<User> senders = List.of(ann, bob, bob, ann, ann, bob, ann, bob, bob, bob, ann, bob);
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < senders.size(); i++) {
                String body = "direct " + (i + 1) + " from " + senders.get(i).username();
                bodies.add(body);
                Social.send(senders.get(i), direct, body, "direct-" + (i + 1)).then().statusCode(201)
                        .body("seq", equalTo(i + 1)).body("sender_id", equalTo((int) senders.get(i).id()))
                        .body("conversation_id", equalTo((int) direct));
            }

            for (StreamClient stream : List.of(annStream, bobStream)) {
                List<JsonNode> created = stream.awaitCreated(direct, senders.size(), WAIT);
                assertThat(created).as("message.created on the %s", stream)
                        .extracting(event -> event.get("seq").asLong()).containsExactlyElementsOf(seqs(1, 12));
                assertThat(created).extracting(event -> event.get("data").get("body").asText())
                        .containsExactlyElementsOf(bodies);
                assertThat(created).extracting(event -> event.get("data").get("sender_id").asLong())
                        .containsExactlyElementsOf(senders.stream().map(User::id).toList());
            }

            // A resend after a lost answer (same client_message_id) returns the stored message; nothing new.
            Social.send(bob, direct, "direct 12 from " + bob.username(), "direct-12").then().statusCode(200)
                    .body("seq", equalTo(12));
            Thread.sleep(500);
            assertThat(annStream.created(direct)).hasSize(12);
            assertThat(Database.numbers(Service.CHAT,
                    "select seq from chat.messages where conversation_id = ? order by seq", direct))
                    .containsExactlyElementsOf(seqs(1, 12));
            ann.request().queryParam("after_seq", 9).get("/v1/conversations/" + direct + "/messages")
                    .then().statusCode(200).body("items.seq", contains(10, 11, 12))
                    .body("items.body", contains(bodies.subList(9, 12).toArray()));
        }
    }

    @Test
    void unreadCountsAndReadMarksAgreeAndReadMarksReachTheOtherSideLive() throws Exception {
        List<User> users = Users.verifiedUsers("ann", "bob");
        User ann = users.get(0);
        User bob = users.get(1);
        Social.befriend(ann, bob);
        long direct = Social.direct(ann, bob);
        for (int i = 1; i <= 3; i++) {
            Social.sent(ann, direct, "from ann " + i);
        }
        for (int i = 1; i <= 4; i++) {
            Social.sent(bob, direct, "from bob " + i);
        }
        // Sending reads everything up to one's own message: ann's mark is 3, bob's 7.
        assertUnread(ann, direct, 7, 4);
        assertUnread(bob, direct, 7, 0);

        try (StreamClient annStream = FrontDoor.stream(ann)) {
            ann.request().body(Map.of("seq", 5)).post("/v1/conversations/" + direct + "/read").then().statusCode(204);
            assertUnread(ann, direct, 7, 2);
            // A read mark only moves forward.
            ann.request().body(Map.of("seq", 2)).post("/v1/conversations/" + direct + "/read").then().statusCode(204);
            assertUnread(ann, direct, 7, 2);
            ann.request().body(Map.of("seq", 7)).post("/v1/conversations/" + direct + "/read").then().statusCode(204);
            assertUnread(ann, direct, 7, 0);

            List<JsonNode> reads = annStream.await(ofType("read.updated").and(in(direct)), 2, WAIT);
            assertThat(reads).extracting(event -> event.get("seq").asLong()).containsExactly(5L, 7L);
            assertThat(reads).extracting(event -> event.get("data").get("user_id").asLong())
                    .containsOnly(ann.id());
        }
        bob.request().get("/v1/conversations/" + direct).then().statusCode(200)
                .body("members.find { it.user_id == " + ann.id() + " }.last_read_seq", equalTo(7))
                .body("members.find { it.user_id == " + bob.id() + " }.last_read_seq", equalTo(7));
        assertThat(Database.numbers(Service.CHAT, "select last_read_seq from chat.members where conversation_id = ? "
                + "order by user_id", direct)).containsOnly(7L);
    }

    @Test
    void aThirdUserFormsAGroupWithBothAndEveryMemberReceivesEveryMessageOnceInSeqOrder() throws Exception {
        List<User> users = Users.verifiedUsers("ann", "bob", "cid");
        User ann = users.get(0);
        User bob = users.get(1);
        User cid = users.get(2);
        Social.befriend(ann, bob);
        Social.befriend(cid, ann);
        Social.befriend(cid, bob);

        try (StreamClient annStream = FrontDoor.stream(ann);
                StreamClient bobStream = FrontDoor.stream(bob);
                StreamClient cidStream = FrontDoor.streamWithQueryToken(cid)) {
            long group = Social.group(cid, "the three of us", ann, bob);
            cid.request().get("/v1/conversations/" + group).then().statusCode(200)
                    .body("title", equalTo("the three of us"))
                    .body("members.user_id", containsInAnyOrder((int) ann.id(), (int) bob.id(), (int) cid.id()))
                    .body("members.find { it.user_id == " + cid.id() + " }.role", equalTo("owner"));
            for (StreamClient stream : List.of(annStream, bobStream)) {
                assertThat(stream.awaitFirst(ofType("conversation.created").and(in(group)), WAIT))
                        .as("conversation.created on the %s", stream).isNotNull();
            }

            // All three talk at once: the seqs they are given are 1..30, each once.
            int each = 10;
            List<JsonPath> stored = Collections.synchronizedList(new ArrayList<>());
            try (ExecutorService talkers = Executors.newFixedThreadPool(3)) {
                List<Future<?>> talking = new ArrayList<>();
                for (User talker : List.of(ann, bob, cid)) {
                    talking.add(talkers.submit(() -> {
                        for (int i = 1; i <= each; i++) {
                            stored.add(Social.sent(talker, group, talker.username() + " says " + i));
                        }
                    }));
                }
                for (Future<?> done : talking) {
                    done.get();
                }
            }
            int total = 3 * each;
            assertThat(stored).extracting(message -> message.getLong("seq"))
                    .containsExactlyInAnyOrderElementsOf(seqs(1, total));

            for (StreamClient stream : List.of(annStream, bobStream, cidStream)) {
                List<JsonNode> created = stream.awaitCreated(group, total, WAIT);
                assertThat(created).as("message.created on the %s", stream)
                        .extracting(event -> event.get("seq").asLong()).containsExactlyElementsOf(seqs(1, total));
                for (JsonNode event : created) {
                    JsonPath original = stored.stream()
                            .filter(message -> message.getLong("seq") == event.get("seq").asLong())
                            .findFirst().orElseThrow();
                    assertThat(event.get("data").get("body").asText()).isEqualTo(original.getString("body"));
                    assertThat(event.get("data").get("id").asLong()).isEqualTo(original.getLong("id"));
                }
            }
            assertThat(Database.numbers(Service.CHAT,
                    "select seq from chat.messages where conversation_id = ? order by seq", group))
                    .containsExactlyElementsOf(seqs(1, total));

            // Unread counts follow each member's read mark, which their own last message moved.
            User reader = null;
            for (User member : users) {
                long lastOwn = stored.stream().filter(message -> message.getLong("sender_id") == member.id())
                        .mapToLong(message -> message.getLong("seq")).max().orElseThrow();
                assertUnread(member, group, total, total - lastOwn);
                if (lastOwn < total) {
                    reader = member;
                }
            }
            // Someone who did not send the last message reads up to it: their own devices hear of their read mark,
            // the others of the receipt.
            reader.request().body(Map.of("seq", total)).post("/v1/conversations/" + group + "/read")
                    .then().statusCode(204);
            assertUnread(reader, group, total, 0);
            List<StreamClient> streams = List.of(annStream, bobStream, cidStream);
            for (int i = 0; i < users.size(); i++) {
                boolean own = users.get(i).id() == reader.id();
                JsonNode read = streams.get(i).awaitFirst(
                        ofType(own ? "read.updated" : "receipt.updated").and(in(group))
                                .and(event -> event.get("data").get("last_read_seq").asLong() == total),
                        WAIT);
                assertThat(read).as("the read mark on the %s", streams.get(i)).isNotNull();
                assertThat(read.get("data").get("user_id").asLong()).isEqualTo(reader.id());
            }
            cid.request().get("/v1/sync").then().statusCode(200)
                    .body("items.conversation.id", hasItem((int) group))
                    .body("items.find { it.conversation.id == " + group + " }.messages.seq",
                            equalTo(seqs(1, total).stream().map(Long::intValue).toList()));
        }
    }

    /** The member's list entry and the conversation itself agree: unread = last seq - their read mark. */
    private static void assertUnread(User member, long conversation, long lastSeq, long unread) {
        JsonPath listed = Social.listed(member, conversation);
        assertThat(listed.getLong("last_seq")).as("last_seq seen by %s", member).isEqualTo(lastSeq);
        assertThat(listed.getLong("unread_count")).as("unread_count of %s", member).isEqualTo(unread);
        assertThat(listed.getLong("last_message.seq")).isEqualTo(lastSeq);
        member.request().get("/v1/conversations/" + conversation).then().statusCode(200)
                .body("unread_count", equalTo((int) unread))
                .body("members.find { it.user_id == " + member.id() + " }.last_read_seq",
                        equalTo((int) (lastSeq - unread)));
        assertThat(Database.number(Service.CHAT, "select last_read_seq from chat.members "
                + "where conversation_id = ? and user_id = ?", conversation, member.id()))
                .isEqualTo(lastSeq - unread);
    }

    private static List<Long> seqs(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().toList();
    }
}
