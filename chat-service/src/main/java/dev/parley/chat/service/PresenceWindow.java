package dev.parley.chat.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.parley.chat.api.PresenceView;
import dev.parley.chat.repository.PresenceRepository.State;

/**
 * What friends are shown of a user, and when they are told of a change: at once when nothing was told within the
 * window ({@code parley.presence.min-interval}), else when the window ends, and then only if what is shown still
 * differs from what they were last told.
 */
final class PresenceWindow {

    private PresenceWindow() {
    }

    /**
     * The state to store after a change, and what to do once it is committed.
     *
     * @param tell what to tell the friends now; null for nothing
     * @param due when to look again, the end of the window; null for never
     */
    record Decision(State state, PresenceView tell, Instant due) {
    }

    /** A user as others see them: offline with no time while they hide, and the last time to the minute. */
    static PresenceView shown(long userId, boolean online, Instant lastSeenAt, boolean hidden) {
        if (hidden) {
            return new PresenceView(userId, false, null);
        }
        return new PresenceView(userId, online, online || lastSeenAt == null
                ? null
                : lastSeenAt.truncatedTo(ChronoUnit.MINUTES));
    }

    /**
     * The state with the user online or not (null: as it was). Going offline makes {@code offlineAt} the last time
     * they were seen, or now when it is null.
     */
    static State moved(State state, Boolean online, Instant offlineAt) {
        if (online == null || online == state.online()) {
            return state;
        }
        Instant lastSeenAt = online ? state.lastSeenAt() : offlineAt != null ? offlineAt : state.now();
        return new State(state.userId(), online, lastSeenAt, state.hidden(), state.toldOnline(),
                state.toldLastSeenAt(), state.toldAt(), state.dueAt(), state.now());
    }

    static Decision decide(State state, Duration minInterval) {
        PresenceView shown = shown(state.userId(), state.online(), state.lastSeenAt(), state.hidden());
        PresenceView told = new PresenceView(state.userId(), state.toldOnline(), state.toldLastSeenAt());
        if (shown.equals(told)) {
            return new Decision(with(state, state.toldOnline(), state.toldLastSeenAt(), state.toldAt(), null), null,
                    null);
        }
        Instant windowEnd = state.toldAt() == null ? null : state.toldAt().plus(minInterval);
        if (windowEnd == null || !state.now().isBefore(windowEnd)) {
            return new Decision(with(state, shown.online(), shown.lastSeenAt(), state.now(), null), shown, null);
        }
        return new Decision(with(state, state.toldOnline(), state.toldLastSeenAt(), state.toldAt(), windowEnd), null,
                windowEnd);
    }

    private static State with(State state, boolean toldOnline, Instant toldLastSeenAt, Instant toldAt,
            Instant dueAt) {
        return new State(state.userId(), state.online(), state.lastSeenAt(), state.hidden(), toldOnline,
                toldLastSeenAt, toldAt, dueAt, state.now());
    }
}
