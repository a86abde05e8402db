package dev.parley.benchmark;

import java.util.Comparator;
import java.util.List;

import org.HdrHistogram.Histogram;

/**
 * Prints the search run's figures: one line per kind of query, the line starting {@code == result search:} that sums
 * the run up against the bar (p95 under 100 ms for every kind), and the table rows for docs/benchmarks.md.
 */
final class SearchReport {

    static final double BAR_P95_MS = 100;

    private final Settings settings;
    private final SearchSettings search;

    SearchReport(Settings settings, SearchSettings search) {
        this.settings = settings;
        this.search = search;
    }

    void print(SearchSeed.Seeded seeded, List<SearchBenchmark.Measured> results) {
        System.out.printf("%n== search: %d messages in %d conversations (written by SQL in %.0f s), the searcher "
                + "in %d of them holding %d messages; %d measured requests per kind after %d warm-up, one at a "
                + "time, each also sent straight to PostgreSQL; database %s%n", seeded.messages(),
                seeded.conversations(), seeded.seconds(), search.memberships(), seeded.searchersMessages(),
                search.requests(), search.warmup(), settings.dbName());
        System.out.println("plans (EXPLAIN ANALYZE of each kind's first query): " + Deployment.LOGS
                .resolve("search-plans.txt"));
        for (SearchBenchmark.Measured m : results) {
            System.out.printf("%-28s API p50 %5.1f  p95 %5.1f  p99 %5.1f ms | SQL p50 %5.1f  p95 %5.1f  p99 %5.1f "
                    + "ms | ratio p50 %4.2f p95 %4.2f | %4.1f items per page | %s%s%n", m.kind.name(), ms(m.api, 50),
                    ms(m.api, 95), ms(m.api, 99), ms(m.sql, 50), ms(m.sql, 95), ms(m.sql, 99), ratio(m, 50),
                    ratio(m, 95), m.answers == 0 ? 0.0 : (double) m.items / m.answers, m.plan,
                    m.failures.isEmpty() ? "" : " FAILURES " + m.failures);
        }
        SearchBenchmark.Measured worst = results.stream()
                .max(Comparator.comparingDouble(m -> ms(m.api, 95))).orElseThrow();
        boolean met = ms(worst.api, 95) < BAR_P95_MS;
        boolean clean = results.stream().allMatch(m -> m.failures.isEmpty());
        System.out.printf("%n== result search: worst API p95 %.1f ms (%s) -> bar of %.0f ms %s; API / SQL at p50 "
                + "%.2f-%.2f; answers %s%n", ms(worst.api, 95), worst.kind.name(), BAR_P95_MS,
                met ? "met" : "NOT met", results.stream().mapToDouble(m -> ratio(m, 50)).min().orElse(0),
                results.stream().mapToDouble(m -> ratio(m, 50)).max().orElse(0), clean ? "CLEAN" : "FAILED");
        for (SearchBenchmark.Measured m : results) {
            System.out.printf("| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f / %.2f | %.1f | %s |%n",
                    m.kind.name(), ms(m.api, 50), ms(m.api, 95), ms(m.api, 99), ms(m.sql, 50), ms(m.sql, 95),
                    ms(m.sql, 99), ratio(m, 50), ratio(m, 95), m.answers == 0 ? 0.0 : (double) m.items / m.answers,
                    m.plan);
        }
    }

    private static double ratio(SearchBenchmark.Measured m, double percentile) {
        double sql = ms(m.sql, percentile);
        return sql == 0 ? 0 : ms(m.api, percentile) / sql;
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
