package dev.parley.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The searcher and their conversations, through the public API as the app would make them: the searcher and a few
 * friends register, follow their verification links and log in; the friends accept the searcher's requests; the
 * searcher opens {@code memberships} group conversations, each with one or two of them.
 */
final class SearchPeople {

    private static final String PASSWORD = "benchmark password";
    private static final int FRIENDS = 5;
    private static final int THREADS = 4;

    private SearchPeople() {
    }

    /** The searcher (with a valid access token) and the ids of their conversations. */
    record Searcher(User user, List<Long> conversations) {
    }

    static Searcher create(SearchSettings settings, Deployment deployment, Mailbox mail, Api api) throws Exception {
        List<String> names = new ArrayList<>(List.of("searcher"));
        IntStream.range(0, FRIENDS).forEach(i -> names.add("friend-" + i));
        String accounts = deployment.accountUrl() + "/v1/accounts";
        Progress.log("registering, verifying and logging in " + names.size() + " users");
        List<Long> ids = Parallel.map(names, THREADS, name -> api.post(accounts + "/register", null,
                Map.of("email", email(name), "password", PASSWORD, "username", name), 201).get("id").asLong());
        Map<String, String> links = mail.verificationTokens(names.stream().map(SearchPeople::email).toList(),
                Duration.ofSeconds(120));
        Parallel.map(names, THREADS, name -> api.get(accounts + "/verify/" + links.get(email(name)), null, 200));
        List<String> tokens = Parallel.map(names, THREADS, name -> api.post(accounts + "/login", null,
                Map.of("email", email(name), "password", PASSWORD), 200).get("access_token").asText());
        User searcher = new User(ids.get(0), email(names.get(0)), tokens.get(0));

        String requests = deployment.friendshipUrl() + "/v1/friendships/requests";
        Parallel.map(IntStream.range(1, names.size()).boxed().toList(), THREADS, i -> {
            long request = api.post(requests, searcher.accessToken(), Map.of("user_id", ids.get(i)), 201).get("id")
                    .asLong();
            return api.post(requests + "/" + request + "/accept", tokens.get(i), Map.of(), 200);
        });

        Progress.log("opening the searcher's " + settings.memberships() + " group conversations");
        String chat = deployment.chatUrls().get(0) + "/v1/conversations";
        List<Long> conversations = Parallel.map(IntStream.range(0, settings.memberships()).boxed().toList(), THREADS,
                i -> {
                    List<Long> members = i % 2 == 0
                            ? List.of(ids.get(1 + i % FRIENDS))
                            : List.of(ids.get(1 + i % FRIENDS), ids.get(1 + (i + 1) % FRIENDS));
                    return api.post(chat, searcher.accessToken(), Map.of("type", "group", "title", "search " + i,
                            "member_ids", members), 201).get("id").asLong();
                });
        return new Searcher(searcher, conversations);
    }

    private static String email(String name) {
        return name + "@search.bench.parley.test";
    }
}
