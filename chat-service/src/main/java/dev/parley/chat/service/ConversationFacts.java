package dev.parley.chat.service;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.chat.Conversation;
import dev.parley.chat.repository.ConversationRepository;

/**
 * What never changes about a conversation once created: its kind and, for a direct one, its two users. Kept in
 * memory so that sending a message need not read them again; membership itself is always checked in the database.
 */
@ApplicationScoped
public class ConversationFacts {

    private static final int CAPACITY = 100_000;

    private final ConversationRepository conversations;
    private final Map<Long, Facts> cache = new LinkedHashMap<>(1024, 0.75f, true) {

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Facts> eldest) {
            return size() > CAPACITY;
        }
    };

    public ConversationFacts(ConversationRepository conversations) {
        this.conversations = conversations;
    }

    /** A conversation's kind and, when direct, its users' ids (lower first). */
    public record Facts(String kind, long lowUser, long highUser) {

        public boolean isDirect() {
            return Conversation.DIRECT.equals(kind);
        }

        public boolean directMember(long userId) {
            return userId == lowUser || userId == highUser;
        }

        public long peerOf(long userId) {
            return userId == lowUser ? highUser : lowUser;
        }
    }

    /** The facts, or null when there is no such conversation. */
    public Uni<Facts> of(long conversationId) {
        Facts known;
        synchronized (cache) {
            known = cache.get(conversationId);
        }
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return conversations.findById(conversationId).map(conversation -> {
            if (conversation == null) {
                return null;
            }
            Facts facts = factsOf(conversation);
            synchronized (cache) {
                cache.put(conversationId, facts);
            }
            return facts;
        });
    }

    private static Facts factsOf(Conversation conversation) {
        if (!conversation.isDirect()) {
            return new Facts(conversation.kind, 0, 0);
        }
        String[] users = conversation.directKey.split(":");
        return new Facts(conversation.kind, Long.parseLong(users[0]), Long.parseLong(users[1]));
    }
}
