package dev.parley.e2e.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.restassured.path.json.JsonPath;

import dev.parley.e2e.support.BackupStore;
import dev.parley.e2e.support.EndToEnd;
import dev.parley.e2e.support.Product;
import dev.parley.e2e.support.RunningProduct;
import dev.parley.e2e.support.ScratchCluster;
import dev.parley.e2e.support.Social;
import dev.parley.e2e.support.User;
import dev.parley.e2e.support.Users;

/**
 * The restore drill of docs/operations.md, with the PostgreSQL on this machine and the tools CloudNativePG's Barman
 * Cloud plugin runs: a scratch cluster archives its WAL into an S3-compatible store and has a base backup taken; the
 * real services write to it; a second cluster is restored from the backup and the archived WAL to a point in time
 * between two rounds of messages. It must hold exactly what was acknowledged before that point, and the services must
 * carry on from it.
 */
@EndToEnd
class BackupRestoreDrillIT {

    /** The archive's server name, as the Cluster's plugin parameter {@code serverName} in the overlays. */
    private static final String SERVER_NAME = "parley-db";
    private static final int ROUNDS = 6;

    private final Product product = RunningProduct.product();
    private final Path drill = Path.of(System.getProperty("parley.e2e.target", "target")).resolve("drill");

    /** A message as acknowledged to its sender. */
    private record Acknowledged(long conversation, long seq, long id, String body) {
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aClusterRestoredToAPointInTimeHoldsExactlyWhatWasAcknowledgedBeforeIt() throws Exception {
        Path clusters = drill.resolve("clusters");
        ScratchCluster restored = null;
        try (BackupStore store = BackupStore.start(drill.resolve("store"));
                ScratchCluster origin = ScratchCluster.create(clusters, "origin", store, SERVER_NAME)) {
            try {
                product.useCluster(origin.host(), origin.port());
                String backup = origin.baseBackup("drill-" + System.currentTimeMillis());

                List<User> people = Users.verifiedUsers("ada", "bo", "cy");
                User ada = people.get(0);
                User bo = people.get(1);
                User cy = people.get(2);
                Social.befriend(ada, bo);
                Social.befriend(ada, cy);
                long direct = Social.direct(ada, bo);
                long group = Social.group(ada, "Drill", bo, cy);
                List<Acknowledged> before = new ArrayList<>();
                for (int round = 1; round <= ROUNDS; round++) {
                    before.add(send(round % 2 == 0 ? bo : ada, direct, "before " + round + " to bo"));
                    before.add(send(people.get(round % 3), group, "before " + round + " to the group"));
                }

                Instant pointInTime = origin.clock();
                // Commit times are compared with the target: whatever follows commits strictly after it.
                Thread.sleep(50);

                for (int round = 1; round <= ROUNDS; round++) {
                    send(bo, direct, "after " + round + " to ada");
                    send(cy, group, "after " + round + " to the group");
                }
                Acknowledged first = before.get(0);
                ada.request().body(Map.of("body", "edited after the point"))
                        .patch("/v1/conversations/" + direct + "/messages/" + first.id())
                        .then().statusCode(200);
                Social.befriend(bo, cy);
                long lateConversation = Social.direct(bo, cy);
                send(bo, lateConversation, "after the point, a new conversation");
                origin.archiveCurrentWal();

                restored = ScratchCluster.restore(clusters, "restored", store, SERVER_NAME, backup, pointInTime,
                        "parley-db-restored");

                assertThat(messages(restored)).as("messages of the restored cluster")
                        .containsExactlyElementsOf(before);
                assertThat(restored.rows(Product.DATABASE, """
                        SELECT c.id, c.last_seq, count(m.id), coalesce(max(m.seq), 0) FROM chat.conversations c
                        LEFT JOIN chat.messages m ON m.conversation_id = c.id GROUP BY c.id ORDER BY c.id"""))
                        .as("each conversation's last_seq: its newest message, and no seq missing below it")
                        .containsExactly(
                                List.of(Long.toString(direct), Integer.toString(ROUNDS), Integer.toString(ROUNDS),
                                        Integer.toString(ROUNDS)),
                                List.of(Long.toString(group), Integer.toString(ROUNDS), Integer.toString(ROUNDS),
                                        Integer.toString(ROUNDS)));
                assertThat(restored.text("SELECT timeline_id FROM pg_control_checkpoint()"))
                        .as("a promoted restore starts a timeline of its own").isEqualTo("2");

                // The runbook's last steps: point the services at it, check, and carry on from where it stopped.
                product.useCluster(restored.host(), restored.port());
                assertThat(history(bo, direct)).containsExactlyElementsOf(
                        before.stream().filter(m -> m.conversation() == direct).toList());
                assertThat(history(cy, group)).containsExactlyElementsOf(
                        before.stream().filter(m -> m.conversation() == group).toList());
                bo.request().get("/v1/conversations/" + lateConversation).then().statusCode(404);
                assertThat(send(bo, direct, "after the restore").seq()).isEqualTo(ROUNDS + 1);
            } finally {
                // Back to the usual cluster before the scratch ones go.
                product.ensureHealthy();
                if (restored != null) {
                    restored.close();
                }
            }
        }
    }

    private static Acknowledged send(User sender, long conversation, String body) {
        JsonPath message = Social.sent(sender, conversation, body);
        return new Acknowledged(conversation, message.getLong("seq"), message.getLong("id"), message.getString("body"));
    }

    private static List<Acknowledged> messages(ScratchCluster cluster) throws Exception {
        return cluster.rows(Product.DATABASE, "SELECT conversation_id, seq, id, body FROM chat.messages "
                + "ORDER BY id").stream()
                .map(row -> new Acknowledged(Long.parseLong(row.get(0)), Long.parseLong(row.get(1)),
                        Long.parseLong(row.get(2)), row.get(3)))
                .toList();
    }

    /** The conversation's messages as the app reads them, oldest first. */
    private static List<Acknowledged> history(User reader, long conversation) {
        JsonPath page = reader.request().queryParam("after_seq", 0).queryParam("limit", 100)
                .get("/v1/conversations/" + conversation + "/messages").then().statusCode(200).extract().jsonPath();
        List<Acknowledged> messages = new ArrayList<>();
        for (int i = 0; i < page.getList("items").size(); i++) {
            String item = "items[" + i + "].";
            messages.add(new Acknowledged(conversation, page.getLong(item + "seq"), page.getLong(item + "id"),
                    page.getString(item + "body")));
        }
        return messages;
    }
}
