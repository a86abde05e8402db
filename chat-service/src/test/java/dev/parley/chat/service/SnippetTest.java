package dev.parley.chat.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The excerpt a search hit shows, for bodies short and long, in scripts with and without spaces. */
class SnippetTest {

    @Test
    void aShortBodyIsShownWholeWithLineBreaksAsSpaces() {
        assertThat(Snippet.around("see you\nat the station", "station")).isEqualTo("see you at the station");
        assertThat(Snippet.around("x".repeat(Snippet.MAX), "xx")).isEqualTo("x".repeat(Snippet.MAX));
    }

    @Test
    void aLongBodyIsCutAroundTheMatchBetweenWords() {
        String body = "alpha ".repeat(30) + "the Needle is here " + "omega ".repeat(30);
        String snippet = Snippet.around(body.strip(), "needle");
        assertThat(snippet).startsWith("…alpha ").endsWith(" omega…").contains("the Needle is here");
        assertThat(length(snippet)).isLessThanOrEqualTo(Snippet.MAX).isGreaterThan(Snippet.MAX - 16);
    }

    @Test
    void aMatchNearTheStartOrTheEndKeepsThatEndOfTheBody() {
        String tail = "word ".repeat(50).strip();
        assertThat(Snippet.around("Needle first, " + tail, "needle")).startsWith("Needle first, ").endsWith("…");
        String end = Snippet.around(tail + " and last the needle", "NEEDLE");
        assertThat(end).startsWith("…").endsWith("and last the needle");
        assertThat(length(end)).isLessThanOrEqualTo(Snippet.MAX);
    }

    @Test
    void textWithoutSpacesIsCutByCharacters() {
        String body = "我们明天".repeat(30) + "在东京见面" + "然后吃饭".repeat(30);
        String snippet = Snippet.around(body, "东京");
        assertThat(snippet).startsWith("…").endsWith("…").contains("在东京见面");
        assertThat(length(snippet)).isEqualTo(Snippet.MAX);
    }

    @Test
    void noEmojiOrAccentedLetterIsCutInHalf() {
        // A family emoji is several code points joined into one character; an e with a combining accent is two.
        String family = "👨‍👩‍👧";
        String body = (family + "e\u0301").repeat(40) + " needle " + (family + "e\u0301").repeat(40);
        String snippet = Snippet.around(body, "needle");
        String inner = snippet.substring(1, snippet.length() - 1);
        assertThat(inner.replace(family, "").replace("e\u0301", "").strip()).isEqualTo("needle");
        assertThat(length(snippet)).isLessThanOrEqualTo(Snippet.MAX);
    }

    @Test
    void aMatchJavaCannotPlaceStartsTheExcerptAtTheBeginning() {
        String body = "start " + "filler ".repeat(40);
        assertThat(Snippet.around(body, "not in there")).startsWith("start filler").endsWith("…");
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
