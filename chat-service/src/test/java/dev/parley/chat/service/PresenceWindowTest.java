package dev.parley.chat.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.parley.chat.api.PresenceView;
import dev.parley.chat.repository.PresenceRepository.State;

/** What friends are told of a change, and when, for every place of the change in the window. */
class PresenceWindowTest {

    private static final Duration WINDOW = Duration.ofSeconds(30);
    private static final Instant TOLD = Instant.parse("2030-01-01T10:00:05.123456Z");

    @Test
    void theFirstChangeEverIsToldAtOnce() {
        State fresh = state(false, null, false, false, null, null, TOLD);
        PresenceWindow.Decision decision = decide(PresenceWindow.moved(fresh, true, null));
        assertThat(decision.tell()).isEqualTo(new PresenceView(7, true, null));
        assertThat(decision.due()).isNull();
        assertThat(decision.state().toldOnline()).isTrue();
        assertThat(decision.state().toldAt()).isEqualTo(TOLD);
    }

    @Test
    void aChangeInsideTheWindowWaitsForItsEnd() {
        State online = state(true, null, false, true, null, TOLD, TOLD.plusSeconds(3));
        PresenceWindow.Decision decision = decide(PresenceWindow.moved(online, false, null));
        assertThat(decision.tell()).isNull();
        assertThat(decision.due()).isEqualTo(TOLD.plus(WINDOW));
        assertThat(decision.state().dueAt()).isEqualTo(TOLD.plus(WINDOW));
        assertThat(decision.state().online()).isFalse();
        assertThat(decision.state().lastSeenAt()).isEqualTo(TOLD.plusSeconds(3));
    }

    @Test
    void atTheWindowsEndTheLastStateIsToldWithTheMinuteLastSeen() {
        Instant left = Instant.parse("2030-01-01T10:00:09Z");
        State offline = state(false, left, false, true, null, TOLD, TOLD.plus(WINDOW));
        PresenceWindow.Decision decision = decide(offline);
        assertThat(decision.tell())
                .isEqualTo(new PresenceView(7, false, Instant.parse("2030-01-01T10:00:00Z")));
        assertThat(decision.state().dueAt()).isNull();
        assertThat(decision.state().toldAt()).isEqualTo(TOLD.plus(WINDOW));
    }

    @Test
    void aChangeUndoneWithinTheWindowIsNeverTold() {
        State backOnline = state(true, TOLD.plusSeconds(1), false, true, null, TOLD, TOLD.plusSeconds(2));
        PresenceWindow.Decision decision = decide(backOnline);
        assertThat(decision.tell()).isNull();
        assertThat(decision.due()).isNull();
        assertThat(decision.state().dueAt()).isNull();
    }

    @Test
    void aHiddenUserIsShownOfflineWithNoTimeAndGoingOfflineChangesNothingShown() {
        State hidden = state(true, null, true, false, null, TOLD, TOLD.plus(WINDOW));
        assertThat(decide(hidden).tell()).isNull();
        assertThat(decide(PresenceWindow.moved(hidden, false, TOLD)).tell()).isNull();
        assertThat(PresenceWindow.shown(7, false, TOLD, true)).isEqualTo(new PresenceView(7, false, null));
    }

    @Test
    void goingOfflineAsOfADeadReplicasLastHeartbeat() {
        Instant heartbeat = TOLD.plusSeconds(50);
        State online = state(true, null, false, true, null, TOLD, TOLD.plusSeconds(90));
        PresenceWindow.Decision decision = decide(PresenceWindow.moved(online, false, heartbeat));
        assertThat(decision.state().lastSeenAt()).isEqualTo(heartbeat);
        assertThat(decision.tell()).isEqualTo(new PresenceView(7, false, Instant.parse("2030-01-01T10:00:00Z")));
    }

    private static PresenceWindow.Decision decide(State state) {
        return PresenceWindow.decide(state, WINDOW);
    }

    private static State state(boolean online, Instant lastSeenAt, boolean hidden, boolean toldOnline,
            Instant toldLastSeenAt, Instant toldAt, Instant now) {
        return new State(7, online, lastSeenAt, hidden, toldOnline, toldLastSeenAt, toldAt, null, now);
    }
}
