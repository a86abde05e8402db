package dev.parley.chat.service;

import java.util.List;

/** A message on its way to be stored, its input checked: what the sender wrote, quoted and mentioned. */
record OutgoingMessage(long conversationId, String body, String clientId, Long replyTo, List<Long> mentions) {

    OutgoingMessage {
        mentions = List.copyOf(mentions);
    }
}
