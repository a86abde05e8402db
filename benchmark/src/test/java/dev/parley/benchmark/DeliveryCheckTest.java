package dev.parley.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The per-socket check of the delivery benchmarks, on frames and acknowledgements made up here. */
class DeliveryCheckTest {

    private static final long MS = 1_000_000;
    private static final long CONVERSATION = 7;
    // Warm-up from 0, measured from 1 s to 10 s.
    private static final Window WINDOW = new Window(0, 1_000 * MS, 10_000 * MS);

    @Test
    void aSocketThatReceivedEveryAcknowledgedSeqOnceAndInOrderIsCleanWithItsLatencies() {
        Map<Long, List<Acked>> acked = Map.of(CONVERSATION, List.of(ack(1, 2_000, 0), ack(2, 3_000, 0)));
        SocketLog socket = socket(0, arrival(1, 2_005), arrival(2, 3_020));

        DeliveryCheck check = DeliveryCheck.of(List.of(socket), acked, WINDOW, null);

        assertThat(check.clean()).isTrue();
        assertThat(check.expected()).isEqualTo(2);
        assertThat(check.delivered()).isEqualTo(2);
        assertThat(check.latencies().getTotalCount()).isEqualTo(2);
        assertThat(check.latencies().getMaxValue() / 1_000).isEqualTo(20);
        assertThat(check.fromSend().getMaxValue() / 1_000).isEqualTo(21);
        assertThat(check.recovery()).isNull();
    }

    @Test
    void anAcknowledgedSeqThatNeverArrivedIsMissing() {
        Map<Long, List<Acked>> acked = Map.of(CONVERSATION, List.of(ack(1, 2_000, 0), ack(2, 3_000, 0)));

        DeliveryCheck check = DeliveryCheck.of(List.of(socket(0, arrival(1, 2_005))), acked, WINDOW, null);

        assertThat(check.clean()).isFalse();
        assertThat(check.missing()).isEqualTo(1);
    }

    @Test
    void aSeqReceivedTwiceIsDuplicatedAndOneBelowAnEarlierFrameIsOutOfOrder() {
        Map<Long, List<Acked>> acked = Map.of(CONVERSATION,
                List.of(ack(1, 2_000, 0), ack(2, 2_100, 0), ack(3, 2_200, 0)));
        SocketLog socket = socket(0, arrival(1, 2_005), arrival(3, 2_205), arrival(2, 2_210), arrival(3, 2_300));

        DeliveryCheck check = DeliveryCheck.of(List.of(socket), acked, WINDOW, null);

        assertThat(check.clean()).isFalse();
        assertThat(check.missing()).isZero();
        assertThat(check.duplicated()).isEqualTo(1);
        assertThat(check.outOfOrder()).isEqualTo(1);
    }

    @Test
    void framesOfSendsNeverAcknowledgedAreCountedWithoutFailingTheCheck() {
        Map<Long, List<Acked>> acked = Map.of(CONVERSATION, List.of(ack(1, 2_000, 0)));

        DeliveryCheck check = DeliveryCheck.of(List.of(socket(0, arrival(1, 2_005), arrival(2, 2_500))), acked,
                WINDOW, null);

        assertThat(check.clean()).isTrue();
        assertThat(check.unacknowledged()).isEqualTo(1);
    }

    @Test
    void aFrameThatArrivedBeforeItsAcknowledgementCountsAsNoDelayAndIsCounted() {
        Map<Long, List<Acked>> acked = Map.of(CONVERSATION, List.of(ack(1, 2_000, 0)));

        DeliveryCheck check = DeliveryCheck.of(List.of(socket(0, arrival(1, 1_999))), acked, WINDOW, null);

        assertThat(check.beforeAck()).isEqualTo(1);
        assertThat(check.latencies().getMaxValue()).isZero();
    }

    @Test
    void sendsOfTheWarmUpMustArriveButAreNotTimed() {
        Map<Long, List<Acked>> acked = Map.of(CONVERSATION, List.of(ack(1, 500, 0)));

        DeliveryCheck check = DeliveryCheck.of(List.of(socket(0, arrival(1, 510))), acked, WINDOW, null);

        assertThat(check.clean()).isTrue();
        assertThat(check.latencies().getTotalCount()).isZero();
    }

    @Test
    void afterAKillTheKilledReplicasSocketsAreLeftOutAndTheOthersMustReceiveWhatItAcknowledged() {
        long other = 8;
        Map<Long, List<Acked>> acked = Map.of(
                CONVERSATION, List.of(ack(1, 4_000, 1), ack(2, 4_900, 1), ack(3, 6_000, 0)),
                other, List.of(new Acked(1, "x", 1, 100, 3_000 * MS, 3_010 * MS, 0)));
        SocketLog survivor = socket(0, arrival(1, 4_010), arrival(2, 5_400), arrival(3, 6_010));
        SocketLog onKilledReplica = new SocketLog(1, Set.of(other), List.of());

        DeliveryCheck check = DeliveryCheck.of(List.of(survivor, onKilledReplica), acked, WINDOW,
                new Kill(1, 5_000 * MS));

        assertThat(check.clean()).isTrue();
        assertThat(check.excluded()).isEqualTo(1);
        assertThat(check.expected()).isEqualTo(3);
        assertThat(check.recovery().expected()).isEqualTo(2);
        assertThat(check.recovery().missing()).isZero();
        assertThat(check.recovery().slowest()).isEqualTo(500 * MS);
        assertThat(check.recovery().lastAfterKill()).isEqualTo(400 * MS);
    }

    @Test
    void aMessageTheKilledReplicaAcknowledgedThatNeverReachedTheOtherReplicasSocketsIsMissing() {
        Map<Long, List<Acked>> acked = Map.of(CONVERSATION, List.of(ack(1, 4_000, 1), ack(2, 4_900, 1)));

        DeliveryCheck check = DeliveryCheck.of(List.of(socket(0, arrival(1, 4_010))), acked, WINDOW,
                new Kill(1, 5_000 * MS));

        assertThat(check.clean()).isFalse();
        assertThat(check.recovery().missing()).isEqualTo(1);
        assertThat(check.recovery().lastAfterKill()).isEqualTo(-990 * MS);
    }

    private static Acked ack(long seq, long ackedAtMs, int replica) {
        return new Acked(1, "client-" + seq, seq, seq, (ackedAtMs - 1) * MS, ackedAtMs * MS, replica);
    }

    private static StreamListener.Arrival arrival(long seq, long atMs) {
        return new StreamListener.Arrival(CONVERSATION, seq, atMs * MS);
    }

    private static SocketLog socket(int replica, StreamListener.Arrival... arrivals) {
        return new SocketLog(replica, Set.of(CONVERSATION), List.of(arrivals));
    }
}
