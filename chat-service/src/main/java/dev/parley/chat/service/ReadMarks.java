package dev.parley.chat.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.parley.chat.api.Event;
import dev.parley.chat.api.ReadState;
import dev.parley.chat.repository.MemberRepository;
import dev.parley.common.error.ApiException;
import dev.parley.common.validation.Input;

/** Read marks: how far each member has read, which is what unread counts are made of. */
@ApplicationScoped
public class ReadMarks {

    private final MemberRepository members;
    private final ConversationAccess access;
    private final EventPublisher events;

    public ReadMarks(MemberRepository members, ConversationAccess access, EventPublisher events) {
        this.members = members;
        this.access = access;
        this.events = events;
    }

    /** Moves the caller's mark forward to {@code seq} (capped at the newest message); backwards is ignored. */
    @WithTransaction
    @Announces
    public Uni<Void> markRead(long caller, long conversationId, Long rawSeq) {
        long seq = Input.required("seq", rawSeq);
        if (seq < 0) {
            throw ApiException.badRequest("seq must not be negative");
        }
        return access.seat(conversationId, caller).chain(seat -> {
            long mark = Math.min(seq, seat.conversation().lastSeq);
            return members.advanceReadMark(conversationId, caller, mark).chain(moved -> moved == 0
                    ? Uni.createFrom().voidItem()
                    : events.publish(
                            new Event(Event.READ_UPDATED, conversationId, mark, new ReadState(caller, mark))));
        });
    }
}
