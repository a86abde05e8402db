package dev.parley.chat.client.push;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import io.vertx.mutiny.ext.web.client.HttpResponse;

/**
 * The one reader of a provider's {@code Retry-After} (RFC 9110: delay in seconds or an HTTP date), and of which
 * statuses are worth a retry: 429 and 5xx.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** Whether a push answered with {@code status} may succeed later. */
    public static boolean applies(int status) {
        return status == 429 || status >= 500;
    }

    /** A retry named after the response's status, with its {@code Retry-After} when it gave a readable one. */
    public static PushResult retry(HttpResponse<?> response) {
        return PushResult.retry(String.valueOf(response.statusCode()),
                parse(response.getHeader("Retry-After"), Instant.now()));
    }

    /** The delay {@code value} asks for, seen at {@code now}; null when absent or unreadable. */
    public static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(text));
            } catch (NumberFormatException tooLong) {
                return null;
            }
        }
        try {
            Duration until = Duration.between(now, ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME));
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
