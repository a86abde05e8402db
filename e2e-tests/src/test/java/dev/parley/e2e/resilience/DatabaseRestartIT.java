package dev.parley.e2e.resilience;

import static dev.parley.testing.StreamClient.in;
import static dev.parley.testing.StreamClient.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.assertj.core.api.SoftAssertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.e2e.support.Database;
import dev.parley.e2e.support.EndToEnd;
import dev.parley.e2e.support.FrontDoor;
import dev.parley.e2e.support.Load;
import dev.parley.e2e.support.Postgres;
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
 * PostgreSQL goes away under load and comes back. The services say they are not ready while it is gone, stay alive,
 * and recover on their own; sends during the outage fail fast and clearly, and nothing acknowledged is lost or
 * stored twice.
 */
@EndToEnd
class DatabaseRestartIT {

    private static final Duration OUTAGE_UNDER_LOAD = Duration.ofSeconds(3);
    private static final Duration RECOVERY = Duration.ofSeconds(60);
    private static final Duration QUICK = Duration.ofSeconds(5);
    /** A send every 50 ms: the 20 a second each user may send without end. */
    private static final Duration SUSTAINED_SEND_PACE = Duration.ofMillis(50);

    @Test
    void sendsBeforeDuringAndAfterAPostgresRestartAreStoredOnceOrAnswered503AndTheServicesRecoverByThemselves()
            throws Exception {
        List<User> users = Users.verifiedUsers("ann", "bob", "cid");
        User ann = users.get(0);
        User bob = users.get(1);
        User cid = users.get(2);
        Social.befriend(ann, bob);
        Social.befriend(ann, cid);
        long group = Social.group(ann, "through the restart", bob, cid);
        long direct = Social.direct(ann, bob);
        Product product = RunningProduct.product();
        Map<Service, Long> pids = pids(product);

        Sender sender = new Sender();
        try (StreamClient cidStream = FrontDoor.stream(cid); Load load = new Load(Duration.ofSeconds(120))) {
            // Three people sending, each a little under the sustained send rate (20 a second), even while failures
            // come back at once.
            Duration pause = SUSTAINED_SEND_PACE.plusMillis(10);
            load.loop("ann-group", pause, i -> sender.send(ann, group, "ann-group-" + i))
                    .loop("cid-group", pause, i -> sender.send(cid, group, "cid-group-" + i))
                    .loop("bob-direct", pause, i -> sender.send(bob, direct, "bob-direct-" + i));
            awaitAcknowledged(sender, group, 20);
            awaitAcknowledged(sender, direct, 10);

            Postgres.stop();
            try {
                // Not ready while the database is gone, but alive: nothing to restart.
                for (Service service : Service.values()) {
                    Awaitility.await(service + " not ready while PostgreSQL is down").atMost(Duration.ofSeconds(15))
                            .pollInterval(Duration.ofMillis(200)).until(() -> product.readiness(service) == 503);
                    assertThat(product.liveness(service)).as("liveness of %s", service).isEqualTo(200);
                }
                Thread.sleep(OUTAGE_UNDER_LOAD.toMillis());
            } finally {
                Postgres.start();
            }

            for (Service service : Service.values()) {
                Awaitility.await(service + " ready again by itself").atMost(RECOVERY)
                        .pollInterval(Duration.ofMillis(250)).until(() -> product.readiness(service) == 200);
            }
            // Sends go through again in both conversations, the direct one also through friendship-service.
            awaitAcknowledged(sender, group, acknowledged(sender, group) + 20);
            awaitAcknowledged(sender, direct, acknowledged(sender, direct) + 10);
            load.close();
            assertThat(pids(product)).as("the same processes, none restarted").isEqualTo(pids);

            // Every check below is made and reported, even when an earlier one fails.
            SoftAssertions softly = new SoftAssertions();

            // The outage was under load: some sends failed, and each failure was a quick, clear 503.
            List<Attempt> failed = sender.attempts().stream().filter(attempt -> !attempt.acknowledged()).toList();
            softly.assertThat(failed).as("sends that failed during the outage").isNotEmpty();
            for (Attempt attempt : failed) {
                // A direct send asks friendship-service first, which may be the one that found the database gone.
                String message = attempt.body() == null ? null : attempt.body().path("error").path("message").asText();
                boolean viaFriendships = attempt.conversation() == direct
                        && "Friendship service unavailable".equals(message);
                softly.assertThat(attempt.status()).as("answer to %s", attempt).isEqualTo(503);
                softly.check(() -> ErrorSpec.assertEnvelope(attempt.status(), attempt.body(),
                        viaFriendships ? "Friendship service unavailable" : "Service unavailable"));
            }
            for (Attempt attempt : sender.attempts()) {
                softly.assertThat(attempt.took()).as("time taken by %s", attempt).isLessThan(QUICK);
            }

            // Every acknowledged send is stored exactly once, with the seq it was acknowledged with.
            for (Attempt attempt : acknowledged(sender)) {
                softly.assertThat(Database.numbers(Service.CHAT, "select seq from chat.messages "
                        + "where conversation_id = ? and sender_id = ? and client_message_id = ?",
                        attempt.conversation(), attempt.sender().id(), attempt.clientMessageId()))
                        .as("stored copies of %s", attempt).containsExactly(attempt.seq());
            }

            // Each client retries what failed, with the same client_message_id, at the sustained send rate: then
            // everything is there, once.
            List<Attempt> retries = new CopyOnWriteArrayList<>();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> retrying = new ArrayList<>();
                for (User user : users) {
                    retrying.add(clients.submit(() -> {
                        for (Attempt attempt : failed) {
                            if (attempt.sender().equals(user)) {
                                retries.add(sender.send(user, attempt.conversation(), attempt.clientMessageId()));
                                Thread.sleep(SUSTAINED_SEND_PACE.toMillis());
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> done : retrying) {
                    done.get();
                }
            }
            for (Attempt retry : retries) {
                softly.assertThat(retry.status()).as("retry: %s", retry).isIn(200, 201);
            }
            for (long conversation : List.of(group, direct)) {
                Set<String> sent = sender.attempts().stream().filter(a -> a.conversation() == conversation)
                        .map(Attempt::clientMessageId).collect(Collectors.toSet());
                softly.assertThat(Database.texts(Service.CHAT,
                        "select client_message_id from chat.messages where conversation_id = ?", conversation))
                        .as("messages of conversation %s", conversation).containsExactlyInAnyOrderElementsOf(sent);
                softly.assertThat(Database.numbers(Service.CHAT,
                        "select seq from chat.messages where conversation_id = ? order by seq", conversation))
                        .as("seqs of conversation %s", conversation)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, sent.size()).boxed().toList());
            }

            // The socket opened before the outage hears about messages sent after it: events flow again.
            long lastSeq = Social.sent(bob, group, "after the restart").getLong("seq");
            JsonNode event = cidStream.awaitFirst(
                    ofType("message.created").and(in(group)).and(e -> e.get("seq").asLong() == lastSeq),
                    Duration.ofSeconds(10));
            softly.assertThat(event).as("message.created for seq %s on a socket opened before the outage", lastSeq)
                    .isNotNull();
            softly.assertAll();
        } finally {
            Postgres.ensureRunning();
        }
    }

    private static List<Attempt> acknowledged(Sender sender) {
        return sender.attempts().stream().filter(Attempt::acknowledged).toList();
    }

    private static int acknowledged(Sender sender, long conversation) {
        return (int) acknowledged(sender).stream().filter(attempt -> attempt.conversation() == conversation).count();
    }

    private static void awaitAcknowledged(Sender sender, long conversation, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (acknowledged(sender, conversation) < count) {
            if (System.nanoTime() > deadline) {
                List<Attempt> attempts = sender.attempts().stream()
                        .filter(attempt -> attempt.conversation() == conversation).toList();
                throw new AssertionError("fewer than " + count + " sends to conversation " + conversation
                        + " acknowledged within 30 s; the last attempts: "
                        + attempts.subList(Math.max(0, attempts.size() - 5), attempts.size()));
            }
            Thread.sleep(100);
        }
    }

    private static Map<Service, Long> pids(Product product) {
        Map<Service, Long> pids = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            pids.put(service, product.pid(service));
        }
        return pids;
    }
}
