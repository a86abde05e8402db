package dev.parley.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The push benchmark's check, on pushes and acknowledgements made up here. */
class PushCheckTest {

    private static final long MS = 1_000_000;
    // Warm-up from 0, measured from 1 s to 10 s.
    private static final Window WINDOW = new Window(0, 1_000 * MS, 10_000 * MS);

    @Test
    void everyMeasuredMessageWithOnePushIsCleanWithItsLatencyFromThe2xx() {
        Map<Long, List<Acked>> acked = Map.of(7L, List.of(ack(101, 2_000), ack(102, 3_000)), 8L,
                List.of(ack(201, 4_000)));
        List<FcmStandIn.Push> pushes = List.of(push("a", 101, 2_250), push("b", 102, 3_010), push("c", 201, 4_600));

        PushCheck check = PushCheck.of(pushes, acked, WINDOW);

        assertThat(check.clean()).isTrue();
        assertThat(check.received()).isEqualTo(3);
        assertThat(check.distinct()).isEqualTo(3);
        assertThat(check.expected()).isEqualTo(3);
        assertThat(check.missing()).isZero();
        assertThat(check.latencies().getTotalCount()).isEqualTo(3);
        assertThat(check.latencies().getMinValue() / 1_000).isEqualTo(10);
        assertThat(check.latencies().getMaxValue() / 1_000).isEqualTo(600);
        assertThat(check.latencies().getValueAtPercentile(50) / 1_000).isEqualTo(250);
        assertThat(check.inWindow()).isEqualTo(3);
    }

    @Test
    void onlyPushesArrivingInsideTheMeasuredPeriodCountTowardsItsRate() {
        Map<Long, List<Acked>> acked = Map.of(7L, List.of(ack(101, 900), ack(102, 9_900)));

        PushCheck check = PushCheck.of(List.of(push("a", 101, 950), push("b", 102, 10_050)), acked, WINDOW);

        assertThat(check.inWindow()).isZero();
        assertThat(check.clean()).isTrue();
    }

    @Test
    void aMeasuredMessageWithoutAPushFailsTheCheck() {
        Map<Long, List<Acked>> acked = Map.of(7L, List.of(ack(101, 2_000), ack(102, 3_000)));

        PushCheck check = PushCheck.of(List.of(push("a", 101, 2_100)), acked, WINDOW);

        assertThat(check.clean()).isFalse();
        assertThat(check.missing()).isEqualTo(1);
        assertThat(check.expected()).isEqualTo(2);
    }

    @Test
    void aPushIdArrivingTwiceFailsTheCheckAndTheLatencyIsTheFirstArrivals() {
        Map<Long, List<Acked>> acked = Map.of(7L, List.of(ack(101, 2_000)));

        PushCheck check = PushCheck.of(List.of(push("a", 101, 2_100), push("a", 101, 9_000)), acked, WINDOW);

        assertThat(check.clean()).isFalse();
        assertThat(check.repeated()).isEqualTo(1);
        assertThat(check.received()).isEqualTo(2);
        assertThat(check.distinct()).isEqualTo(1);
        assertThat(check.multiple()).isZero();
        assertThat(check.latencies().getMaxValue() / 1_000).isEqualTo(100);
    }

    @Test
    void warmUpMessagesAreNotTimedNorFailTheCheckButTheirMissingPushesAreCounted() {
        Map<Long, List<Acked>> acked = Map.of(7L, List.of(ack(101, 500), ack(102, 600)));

        PushCheck check = PushCheck.of(List.of(push("a", 101, 700)), acked, WINDOW);

        assertThat(check.clean()).isTrue();
        assertThat(check.expected()).isZero();
        assertThat(check.missingOutside()).isEqualTo(1);
        assertThat(check.latencies().getTotalCount()).isZero();
    }

    @Test
    void pushesOfUnacknowledgedSendsAndSecondPushIdsAreCountedWithoutFailingTheCheck() {
        Map<Long, List<Acked>> acked = Map.of(7L, List.of(ack(101, 2_000)));
        List<FcmStandIn.Push> pushes = List.of(push("a", 101, 2_100), push("b", 101, 2_200), push("c", 999, 2_300));

        PushCheck check = PushCheck.of(pushes, acked, WINDOW);

        assertThat(check.clean()).isTrue();
        assertThat(check.unacknowledged()).isEqualTo(1);
        assertThat(check.multiple()).isEqualTo(1);
    }

    @Test
    void aPushThatArrivedBeforeItsAcknowledgementCountsAsNoDelayAndIsCounted() {
        Map<Long, List<Acked>> acked = Map.of(7L, List.of(ack(101, 2_000)));

        PushCheck check = PushCheck.of(List.of(push("a", 101, 1_999)), acked, WINDOW);

        assertThat(check.beforeAck()).isEqualTo(1);
        assertThat(check.latencies().getMaxValue()).isZero();
    }

    private static Acked ack(long messageId, long ackedAtMs) {
        return new Acked(1, "client-" + messageId, messageId, messageId, (ackedAtMs - 1) * MS, ackedAtMs * MS, 0);
    }

    private static FcmStandIn.Push push(String pushId, long messageId, long atMs) {
        return new FcmStandIn.Push(atMs * MS, pushId, messageId);
    }
}
