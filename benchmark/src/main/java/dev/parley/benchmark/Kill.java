package dev.parley.benchmark;

/** The {@code kill -9} of a chat-service replica: which one, and when ({@link System#nanoTime()}). */
record Kill(int replica, long at) {
}
