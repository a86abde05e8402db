package dev.parley.chat.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Lets through at most one typing event per user and conversation every {@value #WINDOW_MILLIS} ms on this replica.
 * Every replica sees every typing event (its own and its neighbours'), so the same limit holds for a user typing on
 * two devices connected to different replicas.
 */
@ApplicationScoped
public class TypingGate {

    static final long WINDOW_MILLIS = 3000;

    // Keyed by the frame, which names the user and the conversation and nothing else that varies.
    private final Map<String, Long> lastPassed = new ConcurrentHashMap<>();

    /** Whether the typing event may go now; if so, the window starts again. */
    public boolean pass(Announcement typing) {
        long now = System.currentTimeMillis();
        boolean[] passed = {false};
        lastPassed.compute(typing.frame(), (key, last) -> {
            if (last != null && now - last < WINDOW_MILLIS) {
                return last;
            }
            passed[0] = true;
            return now;
        });
        return passed[0];
    }

    /** Forgets windows that have ended. */
    public void forgetEnded() {
        long now = System.currentTimeMillis();
        lastPassed.values().removeIf(last -> now - last >= WINDOW_MILLIS);
    }
}
