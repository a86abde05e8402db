package dev.parley.benchmark;

import java.util.List;
import java.util.Set;

/** What one socket received: the replica it was connected to, the conversations it follows, its frames in order. */
record SocketLog(int replica, Set<Long> conversations, List<StreamListener.Arrival> arrivals) {
}
