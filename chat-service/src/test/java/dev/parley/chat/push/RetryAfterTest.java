package dev.parley.chat.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.parley.chat.client.push.RetryAfter;

/** {@code Retry-After} as seconds or as an HTTP date, and which statuses are retried. */
class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void readsSecondsAndDates() {
        assertThat(RetryAfter.parse("120", NOW)).isEqualTo(Duration.ofMinutes(2));
        assertThat(RetryAfter.parse(" 0 ", NOW)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("Sun, 06 Dec 2026 10:00:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Sun, 06 Dec 2026 09:59:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertThat(RetryAfter.parse(null, NOW)).isNull();
        assertThat(RetryAfter.parse("", NOW)).isNull();
        assertThat(RetryAfter.parse("-5", NOW)).isNull();
        assertThat(RetryAfter.parse("soon", NOW)).isNull();
        assertThat(RetryAfter.parse("99999999999999999999999", NOW)).isNull();
    }

    @Test
    void retriesThrottlingAndServerErrorsOnly() {
        assertThat(RetryAfter.applies(429)).isTrue();
        assertThat(RetryAfter.applies(500)).isTrue();
        assertThat(RetryAfter.applies(503)).isTrue();
        assertThat(RetryAfter.applies(400)).isFalse();
        assertThat(RetryAfter.applies(410)).isFalse();
    }
}
