package dev.parley.common.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RateTest {

    @Test
    void ratesAreWrittenAsMaxPerWindow() {
        assertThat(Rate.parse("100/1h")).isEqualTo(new Rate(100, Duration.ofHours(1)));
        assertThat(Rate.parse(" 5 / 24h ")).isEqualTo(new Rate(5, Duration.ofDays(1)));
        assertThat(Rate.parse("1/60s")).isEqualTo(new Rate(1, Duration.ofSeconds(60)));
        assertThat(Rate.parse("50/15m")).isEqualTo(new Rate(50, Duration.ofMinutes(15)));
        assertThat(Rate.parse("0/1d")).isEqualTo(new Rate(0, Duration.ofDays(1)));
    }

    @Test
    void anythingElseIsRefusedNamingTheValue() {
        assertThatThrownBy(() -> Rate.parse("100 per hour")).hasMessageContaining("'100 per hour'");
        assertThatThrownBy(() -> Rate.parse("100/0s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rate.parse("-1/1h")).isInstanceOf(IllegalArgumentException.class);
    }
}
