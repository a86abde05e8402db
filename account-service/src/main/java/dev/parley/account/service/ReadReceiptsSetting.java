package dev.parley.account.service;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

import dev.parley.account.Account;
import dev.parley.account.api.ReadReceipts;
import dev.parley.common.events.Outbox;

/**
 * The owner's {@code read_receipts} setting: read from a profile change, and announced on the account feed as
 * {@value ReadReceipts#TYPE} whenever it changes, so chat-service, which keeps the read marks, can honour it.
 */
@ApplicationScoped
public class ReadReceiptsSetting {

    private static final String KEY = "read_receipts";

    private final Outbox outbox;

    public ReadReceiptsSetting(Outbox outbox) {
        this.outbox = outbox;
    }

    /** The value the body asks for, or null when it does not have the key; anything but true or false is a 400. */
    public static Boolean requested(ObjectNode changes) {
        return BooleanSettings.requested(changes, KEY);
    }

    /** Sets the value (null keeps it) and, if it changed, publishes the new state in the current transaction. */
    public Uni<Void> apply(Account account, Boolean enabled) {
        if (enabled == null || enabled == account.readReceipts) {
            return Uni.createFrom().voidItem();
        }
        account.readReceipts = enabled;
        return outbox.publishState(ReadReceipts.TYPE, Long.toString(account.id),
                new ReadReceipts(account.id, enabled));
    }
}
