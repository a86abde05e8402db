package dev.parley.common.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aKeySpendsItsBurstAtOnceThenWaitsForTheRate() {
        TokenBuckets buckets = new TokenBuckets(100, 20);
        for (int i = 0; i < 100; i++) {
            assertThat(buckets.take("alice", 0)).isZero();
        }
        assertThat(buckets.take("alice", 0)).isEqualTo(Duration.ofMillis(50));
        assertThat(buckets.take("bob", 0)).isZero();
    }

    @Test
    void theBucketRefillsAtTheSustainedRateUpToTheBurst() {
        TokenBuckets buckets = new TokenBuckets(100, 20);
        for (int i = 0; i < 100; i++) {
            buckets.take("alice", 0);
        }
        int passed = 0;
        for (int i = 0; i < 100; i++) {
            if (buckets.take("alice", SECOND).isZero()) {
                passed++;
            }
        }
        assertThat(passed).isEqualTo(20);
        for (int i = 0; i < 100; i++) {
            assertThat(buckets.take("alice", 60 * SECOND)).isZero();
        }
        assertThat(buckets.take("alice", 60 * SECOND)).isPositive();
    }
}
