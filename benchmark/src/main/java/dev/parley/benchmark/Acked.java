package dev.parley.benchmark;

/**
 * An acknowledged send: who sent it with which client id, the seq and message id the service gave it, when it was sent
 * and when its 2xx arrived ({@link System#nanoTime()}), and which chat-service replica acknowledged it.
 */
record Acked(long sender, String clientId, long seq, long messageId, long sentAt, long ackedAt, int replica) {
}
