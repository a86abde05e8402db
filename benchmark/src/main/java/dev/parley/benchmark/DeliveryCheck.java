package dev.parley.benchmark;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.HdrHistogram.Histogram;

/**
 * Whether every socket received every acknowledged seq of its conversations exactly once, in ascending seq order per
 * conversation, and how long each took from the sender's 2xx to the frame's arrival ({@code latencies}) and from
 * the send itself ({@code fromSend}), in microseconds, for sends of the measured period. A frame that arrived before
 * its 2xx counts as 0 and is counted in {@code beforeAck}. Frames
 * of sends that were never acknowledged are counted, not checked: a failed send may still have been stored.
 * <p>
 * After a {@link Kill}, the sockets of the killed replica are left out of the missing count (they received what they
 * received, checked for duplicates and order); for the others, {@link Recovery} follows the messages the killed
 * replica acknowledged.
 */
record DeliveryCheck(int sockets, int excluded, long expected, long delivered, long missing, long duplicated,
        long outOfOrder, long unacknowledged, long beforeAck, Histogram latencies, Histogram fromSend,
        Recovery recovery) {

    /**
     * For the sockets of the surviving replicas, the messages the killed replica acknowledged: how many they should
     * have received, how many are missing, the slowest of them from its 2xx to its arrival and the last arrival after
     * the kill (nanoseconds; {@link Long#MIN_VALUE} when none arrived).
     */
    record Recovery(long expected, long missing, long slowest, long lastAfterKill) {
    }

    boolean clean() {
        return missing == 0 && duplicated == 0 && outOfOrder == 0;
    }

    static DeliveryCheck of(List<SocketLog> sockets, Map<Long, List<Acked>> acked, Window window, Kill kill) {
        Map<Long, Map<Long, Acked>> bySeq = new HashMap<>();
        acked.forEach((conversation, acks) -> {
            Map<Long, Acked> seqs = new HashMap<>();
            List.copyOf(acks).forEach(ack -> seqs.put(ack.seq(), ack));
            bySeq.put(conversation, seqs);
        });
        Tally tally = new Tally(kill);
        for (SocketLog socket : sockets) {
            tally.add(socket, bySeq, window);
        }
        return new DeliveryCheck(sockets.size(), tally.excluded, tally.expected, tally.delivered, tally.missing,
                tally.duplicated, tally.outOfOrder, tally.unacknowledged, tally.beforeAck, tally.latencies,
                tally.fromSend, kill == null
                        ? null
                        : new Recovery(tally.recoveryExpected, tally.recoveryMissing, tally.slowest,
                                tally.lastAfterKill));
    }

    /** The counts, socket by socket. */
    private static final class Tally {

        private final Kill kill;
        private final Histogram latencies = new Histogram(3);
        private final Histogram fromSend = new Histogram(3);
        private int excluded;
        private long expected;
        private long delivered;
        private long missing;
        private long duplicated;
        private long outOfOrder;
        private long unacknowledged;
        private long beforeAck;
        private long recoveryExpected;
        private long recoveryMissing;
        private long slowest = Long.MIN_VALUE;
        private long lastAfterKill = Long.MIN_VALUE;

        Tally(Kill kill) {
            this.kill = kill;
        }

        void add(SocketLog socket, Map<Long, Map<Long, Acked>> bySeq, Window window) {
            boolean killed = kill != null && socket.replica() == kill.replica();
            excluded += killed ? 1 : 0;
            Map<Long, Set<Long>> seen = new HashMap<>();
            Map<Long, Long> highest = new HashMap<>();
            for (StreamListener.Arrival arrival : socket.arrivals()) {
                if (!seen.computeIfAbsent(arrival.conversationId(), c -> new HashSet<>()).add(arrival.seq())) {
                    duplicated++;
                    continue;
                }
                if (arrival.seq() < highest.getOrDefault(arrival.conversationId(), 0L)) {
                    outOfOrder++;
                }
                highest.merge(arrival.conversationId(), arrival.seq(), Math::max);
                Acked ack = bySeq.getOrDefault(arrival.conversationId(), Map.of()).get(arrival.seq());
                if (ack == null || !socket.conversations().contains(arrival.conversationId())) {
                    unacknowledged++;
                    continue;
                }
                delivered += killed ? 0 : 1;
                long latency = arrival.at() - ack.ackedAt();
                if (window.measures(ack.sentAt(), ack.ackedAt())) {
                    beforeAck += latency < 0 ? 1 : 0;
                    latencies.recordValue(Math.max(0, latency) / 1_000);
                    fromSend.recordValue((arrival.at() - ack.sentAt()) / 1_000);
                }
                if (kill != null && !killed && ack.replica() == kill.replica()) {
                    slowest = Math.max(slowest, latency);
                    lastAfterKill = Math.max(lastAfterKill, arrival.at() - kill.at());
                }
            }
            if (killed) {
                return;
            }
            for (long conversation : socket.conversations()) {
                Set<Long> received = seen.getOrDefault(conversation, Set.of());
                for (Acked ack : bySeq.getOrDefault(conversation, Map.of()).values()) {
                    boolean lost = !received.contains(ack.seq());
                    expected++;
                    missing += lost ? 1 : 0;
                    if (kill != null && ack.replica() == kill.replica()) {
                        recoveryExpected++;
                        recoveryMissing += lost ? 1 : 0;
                    }
                }
            }
        }
    }
}
