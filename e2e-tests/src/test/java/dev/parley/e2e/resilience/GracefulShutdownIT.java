package dev.parley.e2e.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.parley.e2e.support.Database;
import dev.parley.e2e.support.EndToEnd;
import dev.parley.e2e.support.FrontDoor;
import dev.parley.e2e.support.Load;
import dev.parley.e2e.support.Product;
import dev.parley.e2e.support.Product.Service;
import dev.parley.e2e.support.RunningProduct;
import dev.parley.e2e.support.Sender;
import dev.parley.e2e.support.Sender.Attempt;
import dev.parley.e2e.support.SlowRequest;
import dev.parley.e2e.support.Social;
import dev.parley.e2e.support.User;
import dev.parley.e2e.support.Users;
import dev.parley.testing.ErrorSpec;
import dev.parley.testing.StreamClient;

/**
 * SIGTERM, as Kubernetes sends before it removes a pod: a service stops taking new requests and completes the ones
 * in flight before it exits.
 */
@EndToEnd
class GracefulShutdownIT {

    private static final Duration EXIT_WITHIN = Duration.ofSeconds(30);
    // parley.shutdown.timeout is 20 s: open sockets must not make chat-service wait it out.
    private static final Duration EXIT_WITH_SOCKETS_OPEN_WITHIN = Duration.ofSeconds(10);

    @Test
    void aSendStillArrivingWhenChatServiceGetsSigtermIsCompletedAndStored() throws Exception {
        List<User> users = Users.verifiedUsers("ann", "bob");
        User ann = users.get(0);
        User bob = users.get(1);
        Social.befriend(ann, bob);
        long direct = Social.direct(ann, bob);
        Product product = RunningProduct.product();

        try (SlowRequest send = SlowRequest.begin(Service.CHAT.port(), "/v1/conversations/" + direct + "/messages",
                ann.accessToken(), Map.of("body", "sent across the shutdown", "client_message_id", "in-flight"))) {
            Thread.sleep(300);
            Process chat = product.terminate(Service.CHAT);
            Thread.sleep(1_000);
            assertThat(chat.isAlive()).as("chat-service waits for the request in flight").isTrue();

            SlowRequest.Answer answer = send.finish();
            assertThat(answer.status()).as("answer to the request in flight: %s", answer.body()).isEqualTo(201);
            assertThat(answer.body().get("body").asText()).isEqualTo("sent across the shutdown");
            assertThat(chat.waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS)).as("chat-service exits").isTrue();
        } finally {
            product.start(Service.CHAT);
        }
        assertThat(Database.numbers(Service.CHAT, "select seq from chat.messages where conversation_id = ? "
                + "and client_message_id = 'in-flight'", direct)).containsExactly(1L);
    }

    @Test
    void aFriendRequestStillArrivingWhenFriendshipServiceGetsSigtermIsCompletedAndStored() throws Exception {
        List<User> users = Users.verifiedUsers("ann", "bob");
        User ann = users.get(0);
        User bob = users.get(1);
        Product product = RunningProduct.product();

        try (SlowRequest request = SlowRequest.begin(Service.FRIENDSHIP.port(), "/v1/friendships/requests",
                ann.accessToken(), Map.of("user_id", bob.id()))) {
            Thread.sleep(300);
            Process friendship = product.terminate(Service.FRIENDSHIP);
            Thread.sleep(1_000);
            assertThat(friendship.isAlive()).as("friendship-service waits for the request in flight").isTrue();

            SlowRequest.Answer answer = request.finish();
            assertThat(answer.status()).as("answer to the request in flight: %s", answer.body()).isEqualTo(201);
            assertThat(friendship.waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS)).isTrue();
        } finally {
            product.start(Service.FRIENDSHIP);
        }
        assertThat(Database.number(Service.FRIENDSHIP, "select count(*) from friendship.friendships "
                + "where requester_id = ? and addressee_id = ?", ann.id(), bob.id())).isOne();
    }

    @Test
    void aRegistrationStillArrivingWhenAccountServiceGetsSigtermIsCompletedStoredAndItsMailSentAfterTheRestart()
            throws Exception {
        String email = Users.uniqueEmail("eve");
        Product product = RunningProduct.product();

        try (SlowRequest request = SlowRequest.begin(Service.ACCOUNT.port(), "/v1/accounts/register", null,
                Map.of("email", email, "password", Users.PASSWORD, "username", Users.uniqueUsername("eve")))) {
            Thread.sleep(300);
            Process account = product.terminate(Service.ACCOUNT);
            Thread.sleep(1_000);
            assertThat(account.isAlive()).as("account-service waits for the request in flight").isTrue();

            SlowRequest.Answer answer = request.finish();
            assertThat(answer.status()).as("answer to the request in flight: %s", answer.body()).isEqualTo(201);
            assertThat(account.waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS)).isTrue();
        } finally {
            product.start(Service.ACCOUNT);
        }
        assertThat(Database.number(Service.ACCOUNT, "select count(*) from account.accounts where email = ?", email))
                .isOne();
        // The verification mail was in the outbox with the account: it goes out, and the link works.
        Users.verify(email);
    }

    @Test
    void sendsThroughTheProxyWhileChatServiceShutsDownAreEitherStoredOnceOrRefusedWithAnEnvelopeAndNeverLost()
            throws Exception {
        List<User> users = Users.verifiedUsers("ann", "bob", "cid", "dan", "eve", "fay", "gus", "hal", "ivy", "jon");
        User ann = users.get(0);
        User bob = users.get(1);
        List<User> friends = users.subList(1, users.size());
        friends.forEach(friend -> Social.befriend(ann, friend));
        long group = Social.group(ann, "through the shutdown", friends.toArray(User[]::new));
        Product product = RunningProduct.product();
        Sender sender = new Sender();

        // Clients are connected, as they always are: chat-service has sockets open when it is told to stop.
        try (StreamClient bobStream = FrontDoor.stream(bob); Load load = new Load(Duration.ofSeconds(60))) {
            // Ten people on two clients each, every one of them under the sustained send rate (20 a second): together
            // about 160 sends a second, so at any moment some are in flight.
            for (User user : users) {
                for (int client = 1; client <= 2; client++) {
                    String name = user.username() + "-" + client;
                    load.loop(name, Duration.ofMillis(120), i -> sender.send(user, group, name + "-" + i));
                }
            }
            Thread.sleep(1_500);
            Process chat = product.terminate(Service.CHAT);
            assertThat(chat.waitFor(EXIT_WITH_SOCKETS_OPEN_WITHIN.toSeconds(), TimeUnit.SECONDS))
                    .as("chat-service exits while sockets are open").isTrue();
            assertThat(bobStream.awaitClose(Duration.ofSeconds(2))).isNotNull();
            assertThat(bobStream.closeCode()).as("close code on shutdown").isEqualTo(1001);
            Thread.sleep(500);
        } finally {
            product.start(Service.CHAT);
        }

        List<Attempt> attempts = sender.attempts();
        assertThat(attempts).anyMatch(Attempt::acknowledged).anyMatch(attempt -> !attempt.acknowledged());
        for (Attempt attempt : attempts) {
            assertThat(attempt.took()).as("time taken by %s", attempt).isLessThan(Duration.ofSeconds(5));
            if (attempt.acknowledged()) {
                // Acknowledged means stored, once, where the answer said.
                assertThat(Database.numbers(Service.CHAT, "select seq from chat.messages where conversation_id = ? "
                        + "and client_message_id = ?", group, attempt.clientMessageId()))
                        .as("stored copies of %s", attempt).containsExactly(attempt.seq());
            } else {
                // Refused means not stored: nothing was cut off half-way. And it says so in the envelope.
                assertThat(attempt.status()).as("answer to %s", attempt).isIn(502, 503);
                if (attempt.status() == 502) {
                    ErrorSpec.assertEnvelope(502, attempt.body(), "The service behind this path is unreachable");
                } else {
                    ErrorSpec.assertEnvelope(attempt.status(), attempt.body());
                }
                assertThat(Database.number(Service.CHAT, "select count(*) from chat.messages "
                        + "where conversation_id = ? and client_message_id = ?", group, attempt.clientMessageId()))
                        .as("stored copies of %s", attempt).isZero();
            }
        }
    }
}
