package dev.parley.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Makes the run's people through the public API, as the app would: every sender and recipient registers, follows the
 * link of its verification mail and logs in; then for each conversation its sender asks the recipient for friendship,
 * the recipient accepts, and the sender opens their direct conversation. Conversation {@code i} belongs to sender
 * {@code i % senders} and recipient {@code i}, so each sender posts into {@code conversations / senders} of them.
 */
final class Population {

    private static final String PASSWORD = "benchmark password";
    private static final Duration MAIL_WITHIN = Duration.ofSeconds(120);
    // bcrypt makes registration and login cost CPU: a few at a time keep two cores busy.
    private static final int THREADS = 4;

    private Population() {
    }

    static List<Conversation> create(Settings settings, Deployment deployment, Mailbox mail, Api api)
            throws Exception {
        List<String> senders = IntStream.range(0, settings.senders()).mapToObj(i -> "sender-" + i).toList();
        List<String> recipients = IntStream.range(0, settings.conversations()).mapToObj(i -> "recipient-" + i)
                .toList();
        List<String> names = new ArrayList<>(senders);
        names.addAll(recipients);
        String accounts = deployment.accountUrl() + "/v1/accounts";

        Progress.log("registering, verifying and logging in " + names.size() + " users");
        List<Long> ids = Parallel.map(names, THREADS, name -> api.post(accounts + "/register", null,
                Map.of("email", email(name), "password", PASSWORD, "username", name), 201).get("id").asLong());
        Map<String, String> links = mail.verificationTokens(names.stream().map(Population::email).toList(),
                MAIL_WITHIN);
        Parallel.map(names, THREADS, name -> api.get(accounts + "/verify/" + links.get(email(name)), null, 200));
        List<String> tokens = Parallel.map(names, THREADS, name -> api.post(accounts + "/login", null,
                Map.of("email", email(name), "password", PASSWORD), 200).get("access_token").asText());
        List<User> users = IntStream.range(0, names.size())
                .mapToObj(i -> new User(ids.get(i), email(names.get(i)), tokens.get(i))).toList();

        Progress.log("befriending and opening " + settings.conversations() + " direct conversations");
        String friendships = deployment.friendshipUrl() + "/v1/friendships/requests";
        return Parallel.map(IntStream.range(0, settings.conversations()).boxed().toList(), THREADS, index -> {
            int senderIndex = index % settings.senders();
            User sender = users.get(senderIndex);
            User recipient = users.get(settings.senders() + index);
            JsonNode request = api.post(friendships, sender.accessToken(), Map.of("user_id", recipient.id()), 201);
            api.post(friendships + "/" + request.get("id").asLong() + "/accept", recipient.accessToken(), Map.of(),
                    200);
            // Through the replica the sender will send through, so the set-up starts warming every replica.
            String chat = deployment.chatUrls().get(senderIndex % deployment.chatUrls().size());
            JsonNode direct = api.post(chat + "/v1/conversations", sender.accessToken(),
                    Map.of("type", "direct", "user_id", recipient.id()), 201);
            return new Conversation(index, direct.get("id").asLong(), senderIndex, sender, recipient);
        });
    }

    private static String email(String name) {
        return name + "@bench.parley.test";
    }
}
