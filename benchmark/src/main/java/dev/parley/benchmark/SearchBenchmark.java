package dev.parley.benchmark;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;

/**
 * Message search through the real API over a million messages: the searcher and their conversations are made through
 * the API, the rest of the messages written by SQL ({@link SearchSeed}); then every kind of query
 * ({@link SearchKind}) in turn, one request at a time with the searcher's token, each followed by the same statements
 * sent straight to PostgreSQL ({@link DirectSearch}), so both are measured in the same minute of the same run.
 */
final class SearchBenchmark {

    static final int PAGE = 20;

    private SearchBenchmark() {
    }

    /** What one kind of query did: latencies in microseconds through the API and straight to PostgreSQL. */
    static final class Measured {

        final SearchKind kind;
        final Histogram api = new Histogram(3);
        final Histogram sql = new Histogram(3);
        long items;
        long answers;
        final Map<String, Long> failures = new TreeMap<>();
        String plan = "";

        Measured(SearchKind kind) {
            this.kind = kind;
        }

        void fail(String what) {
            failures.merge(what, 1L, Long::sum);
        }
    }

    static boolean run(Settings settings) throws Exception {
        SearchSettings search = SearchSettings.fromSystemProperties();
        SearchPeople.Searcher searcher;
        SearchSeed.Seeded seeded;
        List<Measured> results = new ArrayList<>();
        try (Mailbox mail = Mailbox.start(); Deployment deployment = Deployment.start(settings, mail, 1)) {
            Api api = new Api();
            searcher = SearchPeople.create(search, deployment, mail, api);
            Progress.log("writing " + search.messages() + " messages into " + search.conversations()
                    + " conversations by SQL");
            seeded = SearchSeed.run(settings, search, searcher.user().id());
            Progress.log(String.format("written in %.0f s: %d conversations, %d messages, %d of them in the "
                    + "searcher's conversations", seeded.seconds(), seeded.conversations(), seeded.messages(),
                    seeded.searchersMessages()));
            SearchKind.ALL.forEach(kind -> results.add(new Measured(kind)));
            try (DirectSearch direct = DirectSearch.open(settings)) {
                Progress.log("searching: " + search.warmup() + " warm-up and " + search.requests()
                        + " measured requests of each of " + results.size() + " kinds, in turn");
                measure(search, api, deployment.chatUrls().get(0), searcher, direct, results);
                plans(searcher, direct, results);
            }
        }
        SearchReport report = new SearchReport(settings, search);
        report.print(seeded, results);
        return results.stream().allMatch(m -> m.failures.isEmpty());
    }

    private static void measure(SearchSettings search, Api api, String chat, SearchPeople.Searcher searcher,
            DirectSearch direct, List<Measured> results) throws Exception {
        for (int round = 0; round < search.warmup() + search.requests(); round++) {
            boolean measured = round >= search.warmup();
            for (int k = 0; k < results.size(); k++) {
                Measured result = results.get(k);
                SearchKind kind = result.kind;
                String query = kind.queries().get(round % kind.queries().size());
                Long conversation = kind.oneConversation()
                        ? searcher.conversations().get((round * 7 + k) % searcher.conversations().size())
                        : null;
                String url = chat + "/v1/search/messages?limit=" + PAGE + "&q="
                        + URLEncoder.encode(query, StandardCharsets.UTF_8)
                        + (conversation == null ? "" : "&conversation_id=" + conversation);
                HttpRequest request = Api.request(url, searcher.user().accessToken()).GET().build();
                long started = System.nanoTime();
                HttpResponse<String> answer = api.http().send(request, HttpResponse.BodyHandlers.ofString());
                long apiNanos = System.nanoTime() - started;
                DirectSearch.Timed plain = direct.search(searcher.user().id(), query, conversation, PAGE);
                if (answer.statusCode() != 200) {
                    result.fail("status " + answer.statusCode());
                    continue;
                }
                int items = Api.JSON.readTree(answer.body()).path("items").size();
                if (!kind.expected(items)) {
                    result.fail(items + " items for '" + query + "'");
                }
                if (items != Math.min(PAGE, plain.rows())) {
                    result.fail("API " + items + " items, SQL " + plain.rows() + " rows for '" + query + "'");
                }
                if (measured) {
                    result.api.recordValue(apiNanos / 1000);
                    result.sql.recordValue(plain.nanos() / 1000);
                    result.items += items;
                    result.answers++;
                }
            }
        }
    }

    // The plan of each kind's first query, written to the logs; the report names the access path it took.
    private static void plans(SearchPeople.Searcher searcher, DirectSearch direct, List<Measured> results)
            throws Exception {
        Map<String, List<String>> plans = new LinkedHashMap<>();
        for (Measured result : results) {
            String query = result.kind.queries().get(0);
            Long conversation = result.kind.oneConversation() ? searcher.conversations().get(0) : null;
            List<String> plan = direct.explain(searcher.user().id(), query, conversation, PAGE);
            plans.put(result.kind.name() + ": '" + query + "'", plan);
            result.plan = String.join("\n", plan).contains("messages_body_trgm")
                    ? "trigram index"
                    : "the searcher's conversations";
        }
        StringBuilder text = new StringBuilder();
        plans.forEach((name, plan) -> text.append("== ").append(name).append('\n')
                .append(String.join("\n", plan)).append("\n\n"));
        Files.createDirectories(Deployment.LOGS);
        Files.writeString(Deployment.LOGS.resolve("search-plans.txt"), text);
    }
}
