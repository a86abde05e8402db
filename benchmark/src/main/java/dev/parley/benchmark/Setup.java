package dev.parley.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the conversations under load through the API: each is a group of two senders, and each sender is the
 * creator of an equal share of them.
 */
final class Setup {

    private static final long FIRST_USER = 1_000_000;

    private Setup() {
    }

    static long userId(int sender) {
        return FIRST_USER + sender;
    }

    static List<MessageLoad.Conversation> conversations(String base, Settings settings) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<MessageLoad.Conversation> created = new ArrayList<>();
        for (int i = 0; i < settings.conversations(); i++) {
            long owner = userId(i % settings.senders());
            long partner = userId((i + 1) % settings.senders());
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/conversations"))
                    .header("Authorization", "Bearer " + Tokens.forUser(owner))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"group\",\"title\":\"load " + i
                            + "\",\"member_ids\":[" + partner + "]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("cannot create conversation: " + response.body());
            }
            created.add(new MessageLoad.Conversation(Json.longField(response.body(), "id"),
                    new long[]{owner, partner}));
        }
        return created;
    }
}
