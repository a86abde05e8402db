package dev.parley.chat.service;

import java.util.List;

/**
 * An event on its way to sockets: the frame they receive, who receives it, and where it is in the stream log.
 *
 * @param logId the event's id in the stream log; null for an event that is never logged (typing, presence)
 * @param xid the transaction that logged it (0 when not logged)
 * @param conversationId the conversation it concerns; 0 for none (presence)
 * @param type the frame's {@code type}
 * @param seq the frame's {@code seq}: for a new message, its place in the conversation
 * @param frame the text frame, as {@link EventWire#frame} writes it
 * @param recipients user ids
 * @param announcedAt epoch milliseconds when it was committed, for delivery latency
 */
public record Announcement(Long logId, long xid, long conversationId, String type, Long seq, String frame,
        List<Long> recipients, long announcedAt) {

    public Announcement {
        recipients = List.copyOf(recipients);
    }

    public boolean logged() {
        return logId != null;
    }
}
