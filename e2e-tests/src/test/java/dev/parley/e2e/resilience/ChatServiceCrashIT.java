package dev.parley.e2e.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.path.json.JsonPath;

import dev.parley.e2e.support.Database;
import dev.parley.e2e.support.EndToEnd;
import dev.parley.e2e.support.FrontDoor;
import dev.parley.e2e.support.Load;
import dev.parley.e2e.support.Product;
import dev.parley.e2e.support.Product.Service;
import dev.parley.e2e.support.RunningProduct;
import dev.parley.e2e.support.Sender;
import dev.parley.e2e.support.Sender.Attempt;
import dev.parley.e2e.support.Social;
import dev.parley.e2e.support.User;
import dev.parley.e2e.support.Users;
import dev.parley.testing.ErrorSpec;
import dev.parley.testing.StreamClient;

/**
 * chat-service is killed with SIGKILL while clients are sending and comes back. Clients retry with the same
 * {@code client_message_id} until acknowledged: nothing acknowledged is missing, nothing is stored twice, and a
 * listener whose socket broke reconnects and catches up without a gap.
 */
@EndToEnd
class ChatServiceCrashIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void killedInTheMiddleOfASendLoopItLosesNothingAcknowledgedStoresNoDuplicateAndListenersCatchUpWithoutAGap()
            throws Exception {
        List<User> users = Users.verifiedUsers("ann", "bob", "cid");
        User ann = users.get(0);
        User bob = users.get(1);
        User cid = users.get(2);
        Social.befriend(ann, bob);
        Social.befriend(ann, cid);
        long group = Social.group(ann, "through the crash", bob, cid);
        long direct = Social.direct(ann, bob);
        Product product = RunningProduct.product();

        Sender sender = new Sender();
        Map<String, Attempt> acknowledged = new ConcurrentHashMap<>();
        String syncCursor;
        long seenBeforeSync;
        List<JsonNode> seenLive;
        try (StreamClient before = FrontDoor.stream(bob); Load load = new Load(Duration.ofSeconds(120))) {
            long retryDeadline = System.nanoTime() + Duration.ofSeconds(110).toNanos();
            Duration pause = Duration.ofMillis(20);
            for (String loop : List.of("ann-group", "cid-group", "ann-direct")) {
                User user = loop.startsWith("ann") ? ann : cid;
                long conversation = loop.endsWith("group") ? group : direct;
                load.loop(loop, pause, i -> {
                    Attempt ack = sender.sendUntilAcknowledged(user, conversation, loop + "-" + i, retryDeadline);
                    if (ack == null) {
                        throw new AssertionError(loop + "-" + i + " was never acknowledged");
                    }
                    acknowledged.put(ack.clientMessageId(), ack);
                });
            }
            awaitCount(acknowledged, 15);
            JsonPath sync = bob.request().get("/v1/sync").then().statusCode(200).extract().jsonPath();
            syncCursor = sync.getString("next_cursor");
            seenBeforeSync = seqsIn(sync, group).stream().mapToLong(Long::longValue).max().orElse(0);
            awaitCount(acknowledged, 30);

            product.kill(Service.CHAT);
            assertThat(before.awaitClose(WAIT)).as("bob's socket ends with the process").isNotNull();
            int acknowledgedAtKill = acknowledged.size();
            product.start(Service.CHAT);
            awaitCount(acknowledged, acknowledgedAtKill + 30);
            load.close();
            seenLive = before.created(group);
        }

        // The sends the kill interrupted were retried, and each message is stored exactly once.
        assertThat(sender.attempts()).as("attempts that failed while chat-service was down")
                .anyMatch(attempt -> !attempt.acknowledged());
        for (Attempt failed : sender.attempts().stream().filter(attempt -> !attempt.acknowledged()).toList()) {
            // Whatever a client saw while the service was gone was either no connection or an error envelope.
            assertThat(failed.status()).as("answer to %s", failed).isIn(-1, 502, 503, 504);
            if (failed.status() == 502) {
                ErrorSpec.assertEnvelope(502, failed.body(), "The service behind this path is unreachable");
            } else if (failed.status() != -1) {
                ErrorSpec.assertEnvelope(failed.status(), failed.body());
            }
        }
        for (long conversation : List.of(group, direct)) {
            List<Attempt> acks = acknowledged.values().stream().filter(a -> a.conversation() == conversation)
                    .toList();
            assertThat(Database.numbers(Service.CHAT,
                    "select seq from chat.messages where conversation_id = ? order by seq", conversation))
                    .as("seqs of conversation %s", conversation)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, acks.size()).boxed().toList());
            for (Attempt ack : acks) {
                assertThat(Database.numbers(Service.CHAT, "select seq from chat.messages where conversation_id = ? "
                        + "and sender_id = ? and client_message_id = ?", conversation, ack.sender().id(),
                        ack.clientMessageId())).as("stored copies of %s", ack).containsExactly(ack.seq());
            }
        }

        // bob's broken socket had seen a prefix of the group, in order; he reconnects and asks for the rest.
        List<Long> seqsSeenLive = seenLive.stream().map(event -> event.get("seq").asLong()).toList();
        assertThat(seqsSeenLive).as("seqs bob saw before the kill")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, seqsSeenLive.size()).boxed().toList());
        long lastSeq = Database.number(Service.CHAT, "select last_seq from chat.conversations where id = ?", group);
        Map<Long, String> merged = new TreeMap<>();
        seenLive.forEach(event -> merged.put(event.get("seq").asLong(),
                event.get("data").get("client_message_id").asText()));
        try (StreamClient after = FrontDoor.stream(bob)) {
            long lastSeen = seqsSeenLive.isEmpty() ? 0 : seqsSeenLive.get(seqsSeenLive.size() - 1);
            for (JsonNode message : catchUp(bob, group, lastSeen)) {
                merged.merge(message.get("seq").asLong(), message.get("client_message_id").asText(),
                        ChatServiceCrashIT::same);
            }
            // And the reconnected socket carries what comes next.
            long next = Social.sent(ann, group, "after the crash").getLong("seq");
            JsonNode live = after.awaitFirst(event -> event.path("seq").asLong() == next
                    && "message.created".equals(event.path("type").asText()), WAIT);
            assertThat(live).as("message.created of seq %s on the new socket", next).isNotNull();
            merged.put(next, live.get("data").get("client_message_id").asText());
        }
        assertThat(merged.keySet()).as("what bob has after catching up")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, lastSeq + 1).boxed().toList());
        for (Attempt ack : acknowledged.values()) {
            if (ack.conversation() == group) {
                assertThat(merged.get(ack.seq())).isEqualTo(ack.clientMessageId());
            }
        }

        // /v1/sync from a cursor taken before the kill also leaves no gap after what that sync had shown.
        List<Long> synced = new ArrayList<>();
        String cursor = syncCursor;
        boolean more = true;
        for (int page = 0; more && page < 50; page++) {
            JsonPath answer = bob.request().queryParam("since", cursor).get("/v1/sync").then().statusCode(200)
                    .extract().jsonPath();
            synced.addAll(seqsIn(answer, group));
            cursor = answer.getString("next_cursor");
            more = answer.getBoolean("has_more");
        }
        assertThat(synced).as("group seqs synced since the cursor taken at seq %s", seenBeforeSync)
                .containsAll(LongStream.rangeClosed(seenBeforeSync + 1, lastSeq + 1).boxed().toList());
    }

    /** Everything after a seq, page by page, oldest first: what a client does after reconnecting. */
    private static List<JsonNode> catchUp(User user, long conversation, long afterSeq) throws Exception {
        List<JsonNode> messages = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 100; page++) {
            var request = user.request().queryParam("after_seq", afterSeq).queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            String body = request.get("/v1/conversations/" + conversation + "/messages").then().statusCode(200)
                    .extract().asString();
            JsonNode answer = JSON.readTree(body);
            answer.get("items").forEach(messages::add);
            if (answer.get("next_cursor").isNull()) {
                return messages;
            }
            cursor = answer.get("next_cursor").asText();
        }
        throw new AssertionError("catching up did not end after 100 pages");
    }

    /** The seqs of one conversation's messages in a sync answer. */
    private static List<Long> seqsIn(JsonPath sync, long conversation) {
        List<Long> seqs = sync.getList("items.find { it.conversation.id == " + conversation + " }.messages.seq",
                Long.class);
        return seqs == null ? List.of() : seqs;
    }

    private static String same(String seen, String caughtUp) {
        assertThat(caughtUp).as("the message at one seq, seen live and caught up").isEqualTo(seen);
        return seen;
    }

    private static void awaitCount(Map<String, Attempt> acknowledged, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (acknowledged.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + count + " sends acknowledged within 60 s");
            }
            Thread.sleep(50);
        }
    }
}
