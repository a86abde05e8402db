package dev.parley.account.service;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.parley.account.Account;
import dev.parley.account.api.PresenceVisibility;
import dev.parley.common.events.Outbox;

/**
 * The owner's {@code presence_visible} setting: read from a profile change, and announced on the account feed as
 * {@value PresenceVisibility#TYPE} whenever it changes, so chat-service, which owns presence, honours it.
 */
@ApplicationScoped
public class PresenceSetting {

    private static final String KEY = "presence_visible";

    private final Outbox outbox;

    public PresenceSetting(Outbox outbox) {
        this.outbox = outbox;
    }

    /** The value the body asks for, or null when it does not have the key; anything but true or false is a 400. */
    public static Boolean requested(ObjectNode changes) {
        return BooleanSettings.requested(changes, KEY);
    }

    /** Sets the value (null keeps it) and, if it changed, publishes the new state in the current transaction. */
    public Uni<Void> apply(Account account, Boolean visible) {
        if (visible == null || visible == account.presenceVisible) {
            return Uni.createFrom().voidItem();
        }
        account.presenceVisible = visible;
        return outbox.publishState(PresenceVisibility.TYPE, Long.toString(account.id),
                new PresenceVisibility(account.id, visible));
    }
}
