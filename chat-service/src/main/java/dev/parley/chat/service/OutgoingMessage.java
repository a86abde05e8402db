package dev.parley.chat.service;

import java.util.List;

/** A message on its way to be stored, its input checked: what the sender wrote, quoted, mentioned and attached. */
record OutgoingMessage(long conversationId, String body, String clientId, Long replyTo, List<Long> mentions,
        List<Long> attachments) {

    OutgoingMessage {
        mentions = List.copyOf(mentions);
        attachments = List.copyOf(attachments);
    }
}
