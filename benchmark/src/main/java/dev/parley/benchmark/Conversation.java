package dev.parley.benchmark;

/**
 * A direct conversation under load, between two friends: {@code sender} (one of the run's senders, by its index)
 * posts into it, {@code recipient} only listens. {@code index} is its place in the run (0 to conversations - 1).
 */
record Conversation(int index, long id, int senderIndex, User sender, User recipient) {
}
