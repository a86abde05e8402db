package dev.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import dev.parley.chat.support.Chat;
import dev.parley.testing.Database;
import dev.parley.testing.StreamClient;

/**
 * Fan-out after commit: a replica that dies between storing a message and announcing it leaves the message in the
 * stream log, where every other replica's reconciliation finds it, and a socket never sees a conversation's seqs out
 * of order or with a gap because of it.
 */
@QuarkusTest
class FanoutTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    DataSource db;

    @Test
    void aMessageStoredByAReplicaThatDiedBeforeAnnouncingItReachesSocketsThroughReconciliation() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        try (StreamClient bobStream = StreamClient.withHeader(base(), bob.token())) {
            storedWithoutAnnouncing(direct, ann, "from a replica that died");

            JsonNode created = bobStream.awaitCreated(direct, 1, WAIT).get(0);
            assertThat(created.path("seq").asLong()).isEqualTo(1L);
            assertThat(created.path("data").path("body").asText()).isEqualTo("from a replica that died");
            assertThat(created.path("data").path("sender_id").asLong()).isEqualTo(ann.id());

            ann.sent(direct, "announced as usual");
            assertThat(bobStream.awaitCreated(direct, 2, WAIT)).extracting(event -> event.path("seq").asLong())
                    .containsExactly(1L, 2L);
            Thread.sleep(1500);
            assertThat(bobStream.created(direct)).as("each message once, after another reconciliation").hasSize(2);
        }
    }

    @Test
    void aMessageWhoseAnnouncementWasLostStillArrivesBeforeTheNextOne() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long direct = ann.directWith(bob);
        try (StreamClient bobStream = StreamClient.withHeader(base(), bob.token())) {
            ann.sent(direct, "first");
            bobStream.awaitCreated(direct, 1, WAIT);
            storedWithoutAnnouncing(direct, bob, "lost announcement");
            ann.sent(direct, "third");

            List<JsonNode> created = bobStream.awaitCreated(direct, 3, WAIT);
            assertThat(created).extracting(event -> event.path("seq").asLong()).containsExactly(1L, 2L, 3L);
            assertThat(created).extracting(event -> event.path("data").path("body").asText())
                    .containsExactly("first", "lost announcement", "third");
        }
    }

    @Test
    void membersOnEveryReplicaHearOfEventsThatOnlyTheLogCarries() throws Exception {
        Chat ann = Chat.newUser();
        Chat bob = Chat.newUser().befriend(ann);
        long group = ann.group("quiet", bob);
        try (StreamClient bobStream = StreamClient.withHeader(base(), bob.token())) {
            Database.execute(db, """
                    INSERT INTO chat.stream_events (conversation_id, type, frame, recipients)
                    VALUES (?, 'conversation.updated', ?, ARRAY[?]::bigint[])""", group,
                    "{\"type\":\"conversation.updated\",\"conversation_id\":" + group
                            + ",\"seq\":null,\"data\":{\"title\":\"logged\"}}",
                    bob.id());

            JsonNode updated = bobStream.next("conversation.updated", WAIT);
            assertThat(updated.path("conversation_id").asLong()).isEqualTo(group);
            assertThat(updated.path("data").path("title").asText()).isEqualTo("logged");
        }
    }

    // What the send path's transaction writes, without what it does after commit.
    private void storedWithoutAnnouncing(long conversation, Chat sender, String body) {
        Database.execute(db, """
                WITH next AS (UPDATE chat.conversations SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq),
                     stored AS (INSERT INTO chat.messages (conversation_id, seq, sender_id, body, created_at)
                                SELECT ?, last_seq, ?, ?, now() FROM next RETURNING id, seq)
                INSERT INTO chat.stream_events (conversation_id, seq, type, message_id)
                SELECT ?, seq, 'message.created', id FROM stored""", conversation, conversation, sender.id(), body,
                conversation);
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port;
    }
}
