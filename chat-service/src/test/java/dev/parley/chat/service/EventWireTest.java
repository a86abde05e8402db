package dev.parley.chat.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.chat.api.Event;
import dev.parley.common.json.JsonStyle;

class EventWireTest {

    private final EventWire wire = new EventWire(json());

    @Test
    void eventsTravelWholeInAsFewPayloadsAsFitAndComeBackAsTheyLeft() {
        List<Announcement> events = new ArrayList<>();
        for (long seq = 1; seq <= 60; seq++) {
            String frame = wire.frame(new Event(Event.MESSAGE_CREATED, 7L, seq, "message number " + seq));
            events.add(new Announcement(100 + seq, 5000 + seq, 7, Event.MESSAGE_CREATED, seq, frame, List.of(1L, 2L),
                    1_800_000_000_000L));
        }

        List<String> payloads = wire.notifications("replica-a", events);

        assertThat(payloads).hasSizeGreaterThan(1).allSatisfy(payload -> {
            assertThat(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(EventWire.MAX_PAYLOAD_BYTES);
            assertThat(wire.isFrom(payload, "replica-a")).isTrue();
            assertThat(wire.isFrom(payload, "replica-b")).isFalse();
        });
        List<Announcement> read = payloads.stream().flatMap(payload -> wire.read(payload).events().stream())
                .toList();
        assertThat(read).isEqualTo(events);
    }

    @Test
    void aLoggedEventTooLargeToTravelIsSentAsItsLogIdAndAnUnloggedOneIsDropped() {
        String large = wire.frame(new Event(Event.MESSAGE_CREATED, 7L, 1L, "x".repeat(10_000)));
        Announcement logged = new Announcement(42L, 9000, 7, Event.MESSAGE_CREATED, 1L, large, List.of(1L), 0);
        Announcement typing = new Announcement(null, 0, 7, TypingNotices.TYPE, null, large, List.of(1L), 0);

        List<String> payloads = wire.notifications("replica-a", List.of(logged, typing));

        assertThat(payloads).hasSize(1);
        EventWire.Notification notification = wire.read(payloads.get(0));
        assertThat(notification.origin()).isEqualTo("replica-a");
        assertThat(notification.events()).isEmpty();
        assertThat(notification.references()).containsExactly(42L);
    }

    private static ObjectMapper json() {
        ObjectMapper mapper = new ObjectMapper();
        new JsonStyle().customize(mapper);
        return mapper;
    }
}
