package dev.parley.chat.service;

import java.text.BreakIterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The excerpt a search hit shows: at most {@link #MAX} characters (code points, ellipses included) of the body around
 * the first match, with line breaks shown as spaces, cut between characters as people see them (never inside an
 * accented letter or an emoji) and, where there are spaces, between words.
 */
final class Snippet {

    static final int MAX = 120;
    static final String ELLIPSIS = "…";

    // How much of the body shows before the match when the body is cut.
    private static final int BEFORE = 30;
    // How far from a cut a space is looked for, to end the excerpt between words.
    private static final int WORD_REACH = 12;
    private static final Pattern WHITESPACE = Pattern.compile("(?U)\\s");

    private Snippet() {
    }

    /** The excerpt of {@code body} around the first case-insensitive occurrence of {@code query}. */
    static String around(String body, String query) {
        String text = WHITESPACE.matcher(body).replaceAll(" ");
        int length = text.codePointCount(0, text.length());
        if (length <= MAX) {
            return text;
        }
        Matcher match = Pattern.compile(Pattern.quote(query), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                .matcher(text);
        // PostgreSQL matched under ICU's case rules; should Java's differ for some letter, the excerpt starts at the
        // beginning.
        boolean found = match.find();
        int matchStart = found ? match.start() : 0;
        int matchEnd = found ? match.end() : 0;

        int first = Math.min(Math.max(0, text.codePointCount(0, matchStart) - BEFORE), length - MAX);
        int last = first + MAX;
        boolean cutBefore = first > 0;
        boolean cutAfter = last < length;
        int from = text.offsetByCodePoints(0, cutBefore ? first + 1 : first);
        int to = text.offsetByCodePoints(0, cutAfter ? last - 1 : last);

        BreakIterator characters = BreakIterator.getCharacterInstance();
        characters.setText(text);
        if (cutBefore) {
            from = characters.isBoundary(from) ? from : characters.following(from);
            int space = text.indexOf(' ', from);
            if (space >= 0 && space < Math.min(matchStart, from + WORD_REACH)) {
                from = space + 1;
            }
        }
        if (cutAfter) {
            to = characters.isBoundary(to) ? to : characters.preceding(to);
            int space = text.lastIndexOf(' ', to);
            if (space > Math.max(matchEnd, to - WORD_REACH)) {
                to = space;
            }
        }
        return (cutBefore ? ELLIPSIS : "") + text.substring(from, Math.max(from, to)).strip()
                + (cutAfter ? ELLIPSIS : "");
    }
}
