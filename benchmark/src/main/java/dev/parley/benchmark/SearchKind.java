package dev.parley.benchmark;

import java.util.List;

/**
 * A kind of query the search benchmark measures: its queries (taken in turn), whether it names one of the searcher's
 * conversations, and what every answer must hold. The words come from the vocabulary of {@code search-seed.sql}; the
 * misses from nowhere in it.
 */
record SearchKind(String name, List<String> queries, boolean oneConversation, Expect expect) {

    /** What each answer of the kind must hold. */
    enum Expect {
        HITS, NOTHING, EITHER
    }

    static final List<SearchKind> ALL = List.of(
            new SearchKind("2 chars, hits", List.of("东京", "ok", "会議"), false, Expect.HITS),
            new SearchKind("2 chars, misses", List.of("qz", "鰻丼", "zx"), false, Expect.NOTHING),
            new SearchKind("3-5 chars, hits", List.of("meet", "lunch", "très", "ありがと"), false, Expect.HITS),
            new SearchKind("3-5 chars, misses", List.of("xyzzy", "qwv", "鰻丼屋"), false, Expect.NOTHING),
            new SearchKind("6+ chars, hits", List.of("quarterly report", "report is ready",
                    "the quarterly report is ready"), false, Expect.HITS),
            new SearchKind("6+ chars, misses", List.of("absolutely nowhere to be found", "この文は存在しません",
                    "completely missing phrase"), false, Expect.NOTHING),
            new SearchKind("2 chars, one conversation", List.of("东京", "ok", "qz", "鰻丼"), true, Expect.EITHER),
            new SearchKind("3-5 chars, one conversation", List.of("meet", "lunch", "xyzzy", "鰻丼屋"), true,
                    Expect.EITHER),
            new SearchKind("6+ chars, one conversation", List.of("quarterly report", "absolutely nowhere to be found"),
                    true, Expect.EITHER));

    /** Whether an answer with this many items is what the kind expects. */
    boolean expected(int items) {
        return switch (expect) {
            case HITS -> items > 0;
            case NOTHING -> items == 0;
            case EITHER -> true;
        };
    }
}
