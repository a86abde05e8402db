package dev.parley.benchmark;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.HdrHistogram.Histogram;

/**
 * What the FCM stand-in received against what was acknowledged, each recipient having one device: every message
 * acknowledged in the measured period must have had a push ({@code missing} otherwise), and no push id may arrive
 * twice ({@code repeated} counts the arrivals beyond the first). {@code latencies} runs from the sender's 2xx to the
 * first arrival of the message's push, in microseconds, for sends of the measured period; a push that arrived before
 * its 2xx counts as 0 and in {@code beforeAck}. Acknowledged messages outside the measured period (the warm-up, or
 * answered after its end) without a push are counted in {@code missingOutside}, pushes of messages never acknowledged
 * (a failed send may still have been stored) in {@code unacknowledged}, messages with more than one push id in
 * {@code multiple}; none of these fails the check. {@code inWindow} counts the pushes that arrived during the measured
 * period, whatever their message: the rate at which pushes left while the senders were sending.
 */
record PushCheck(long received, long distinct, long repeated, long expected, long missing, long missingOutside,
        long unacknowledged, long multiple, long beforeAck, long inWindow, Histogram latencies) {

    boolean clean() {
        return missing == 0 && repeated == 0;
    }

    static PushCheck of(List<FcmStandIn.Push> pushes, Map<Long, List<Acked>> acked, Window window) {
        Map<Long, Long> firstArrival = new HashMap<>();
        Map<Long, Set<String>> idsByMessage = new HashMap<>();
        Set<String> ids = new HashSet<>();
        long repeated = 0;
        long inWindow = 0;
        for (FcmStandIn.Push push : pushes) {
            inWindow += push.at() >= window.from() && push.at() <= window.to() ? 1 : 0;
            if (!ids.add(push.pushId())) {
                repeated++;
            }
            firstArrival.merge(push.messageId(), push.at(), Math::min);
            idsByMessage.computeIfAbsent(push.messageId(), m -> new HashSet<>()).add(push.pushId());
        }
        Histogram latencies = new Histogram(3);
        Set<Long> acknowledged = new HashSet<>();
        long expected = 0;
        long missing = 0;
        long missingOutside = 0;
        long beforeAck = 0;
        for (List<Acked> acks : acked.values()) {
            for (Acked ack : List.copyOf(acks)) {
                acknowledged.add(ack.messageId());
                Long at = firstArrival.get(ack.messageId());
                if (!window.measures(ack.sentAt(), ack.ackedAt())) {
                    missingOutside += at == null ? 1 : 0;
                    continue;
                }
                expected++;
                if (at == null) {
                    missing++;
                    continue;
                }
                beforeAck += at < ack.ackedAt() ? 1 : 0;
                latencies.recordValue(Math.max(0, at - ack.ackedAt()) / 1_000);
            }
        }
        long unacknowledged = firstArrival.keySet().stream().filter(m -> !acknowledged.contains(m)).count();
        long multiple = idsByMessage.values().stream().filter(set -> set.size() > 1).count();
        return new PushCheck(pushes.size(), ids.size(), repeated, expected, missing, missingOutside, unacknowledged,
                multiple, beforeAck, inWindow, latencies);
    }
}
