package dev.parley.benchmark;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Every recipient connected to {@code /v1/stream}, half to each replica: the recipient of conversation {@code i} to
 * replica {@code (i / senders) % replicas}. Sender {@code s} owns conversations {@code s, s + senders, ...}, so its
 * recipients alternate between the replicas in the order it sends to them; senders go by their own index
 * ({@link Senders}), so half the messages cross from one replica to the other, and every sender's last messages before
 * a kill include some for each replica's sockets.
 */
final class RecipientSockets implements AutoCloseable {

    private final List<Conversation> conversations;
    private final List<Integer> replicaOf;
    private final List<StreamListener> listeners;

    private RecipientSockets(List<Conversation> conversations, List<Integer> replicaOf,
            List<StreamListener> listeners) {
        this.conversations = conversations;
        this.replicaOf = replicaOf;
        this.listeners = listeners;
    }

    static RecipientSockets connect(HttpClient http, Replicas replicas, List<Conversation> conversations,
            int senders) throws Exception {
        List<Integer> replicaOf = new ArrayList<>();
        List<CompletableFuture<StreamListener>> opening = new ArrayList<>();
        for (Conversation conversation : conversations) {
            int replica = (conversation.index() / senders) % replicas.count();
            replicaOf.add(replica);
            opening.add(StreamListener.open(http, replicas.url(replica), conversation.recipient().accessToken()));
        }
        List<StreamListener> listeners = new ArrayList<>();
        for (CompletableFuture<StreamListener> listener : opening) {
            listeners.add(listener.get());
        }
        // The handshake completes before the server has registered the socket; give it a moment before any send.
        Thread.sleep(1_000);
        return new RecipientSockets(conversations, replicaOf, listeners);
    }

    int size() {
        return listeners.size();
    }

    /** What every socket received so far. */
    List<SocketLog> logs() {
        List<SocketLog> logs = new ArrayList<>();
        for (int i = 0; i < listeners.size(); i++) {
            logs.add(new SocketLog(replicaOf.get(i), Set.of(conversations.get(i).id()), listeners.get(i).arrivals()));
        }
        return logs;
    }

    /**
     * Waits until every socket counted by the check has every acknowledged message, or the drain time has passed, then
     * one more second for anything that would arrive twice; the time it waited for the last message.
     */
    Duration drain(Map<Long, List<Acked>> acked, Window window, Kill kill, Duration within) throws Exception {
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        while (DeliveryCheck.of(logs(), acked, window, kill).missing() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        Thread.sleep(1_000);
        return waited;
    }

    /** Sockets of replicas still up that ended before the benchmark closed them, with how they ended. */
    List<String> endedEarly(Replicas replicas) {
        List<String> ended = new ArrayList<>();
        for (int i = 0; i < listeners.size(); i++) {
            String ending = listeners.get(i).ending();
            if (ending != null && !replicas.isDown(replicaOf.get(i))) {
                ended.add("recipient of conversation " + conversations.get(i).id() + ": " + ending);
            }
        }
        return ended;
    }

    @Override
    public void close() {
        listeners.forEach(StreamListener::close);
    }
}
