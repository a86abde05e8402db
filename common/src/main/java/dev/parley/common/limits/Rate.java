package dev.parley.common.limits;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * At most {@code max} events in any {@code window}, written {@code 100/1h} in configuration ({@code s}, {@code m},
 * {@code h} or {@code d}). A max of 0 refuses everything.
 */
public record Rate(int max, Duration window) {

    private static final Pattern FORMAT = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})([smhd])\\s*");

    public Rate {
        if (max < 0 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("A rate needs a max of at least 0 and a positive window");
        }
    }

    /** Reads {@code 100/1h}; the form SmallRye Config uses for settings of this type. */
    public static Rate parse(CharSequence text) {
        Matcher matcher = FORMAT.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Expected a rate such as 100/1h, not '" + text + "'");
        }
        long amount = Long.parseLong(matcher.group(2));
        Duration window = switch (matcher.group(3)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        return new Rate(Integer.parseInt(matcher.group(1)), window);
    }

    @Override
    public String toString() {
        return max + "/" + window.toSeconds() + "s";
    }
}
