package dev.parley.chat.service;

import java.util.regex.Pattern;

import dev.parley.common.error.ApiException;

/**
 * One emoji as a reaction: a single Unicode emoji grapheme (keycaps, flags, skin tones and ZWJ sequences included),
 * written in its fully-qualified form, so that a heart sent with or without its emoji variation selector is the same
 * reaction.
 */
final class Emoji {

    private static final Pattern ONE_GRAPHEME = Pattern.compile("\\X");
    private static final int MAX_CODE_POINTS = 16;
    private static final int ZWJ = 0x200D;
    private static final int EMOJI_STYLE = 0xFE0F;
    private static final int KEYCAP = 0x20E3;
    private static final int BLACK_FLAG = 0x1F3F4;
    private static final int TAG_END = 0xE007F;

    private Emoji() {
    }

    /** The emoji in its fully-qualified form; anything else is a 400 {@code Invalid emoji}. */
    static String parse(String raw) {
        if (raw == null || raw.isEmpty() || raw.codePointCount(0, raw.length()) > MAX_CODE_POINTS
                || !ONE_GRAPHEME.matcher(raw).matches()) {
            throw invalid();
        }
        int[] points = raw.codePoints().toArray();
        if (points.length == 2 && isRegionalIndicator(points[0]) && isRegionalIndicator(points[1])) {
            return raw;
        }
        if (isKeycapBase(points[0])) {
            return keycap(points);
        }
        if (points[0] == BLACK_FLAG && points.length > 2 && points[points.length - 1] == TAG_END) {
            return tagSequence(raw, points);
        }
        return zwjSequence(points);
    }

    private static String keycap(int[] points) {
        boolean qualified = points.length == 3 && points[1] == EMOJI_STYLE && points[2] == KEYCAP;
        boolean bare = points.length == 2 && points[1] == KEYCAP;
        if (!qualified && !bare) {
            throw invalid();
        }
        return new String(new int[]{points[0], EMOJI_STYLE, KEYCAP}, 0, 3);
    }

    private static String tagSequence(String raw, int[] points) {
        for (int i = 1; i < points.length - 1; i++) {
            if (points[i] < 0xE0020 || points[i] > 0xE007E) {
                throw invalid();
            }
        }
        return raw;
    }

    // Elements joined by ZWJ, each an emoji, then an optional variation selector or skin tone; an emoji that is
    // text-style by default gets its emoji variation selector.
    private static String zwjSequence(int[] points) {
        StringBuilder emoji = new StringBuilder();
        int i = 0;
        while (true) {
            int base = points[i++];
            if (!Character.isEmoji(base) || Character.isEmojiModifier(base) || isKeycapBase(base)
                    || isRegionalIndicator(base)) {
                throw invalid();
            }
            emoji.appendCodePoint(base);
            boolean styled = i < points.length && points[i] == EMOJI_STYLE;
            boolean toned = !styled && i < points.length && Character.isEmojiModifier(points[i]);
            if (toned && !Character.isEmojiModifierBase(base)) {
                throw invalid();
            }
            if (styled || toned) {
                emoji.appendCodePoint(points[i++]);
            } else if (!Character.isEmojiPresentation(base)) {
                emoji.appendCodePoint(EMOJI_STYLE);
            }
            if (i == points.length) {
                return emoji.toString();
            }
            if (points[i] != ZWJ || i + 1 == points.length) {
                throw invalid();
            }
            emoji.appendCodePoint(points[i++]);
        }
    }

    private static boolean isRegionalIndicator(int point) {
        return point >= 0x1F1E6 && point <= 0x1F1FF;
    }

    private static boolean isKeycapBase(int point) {
        return (point >= '0' && point <= '9') || point == '#' || point == '*';
    }

    private static ApiException invalid() {
        return ApiException.badRequest("Invalid emoji");
    }
}
