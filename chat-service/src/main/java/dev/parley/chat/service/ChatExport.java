package dev.parley.chat.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.chat.repository.ExportRepository;
import dev.parley.common.internal.UserDataExport;

/**
 * chat-service's part of a user's data export, served on the internal port to account-service: every conversation
 * the user is in (with their role and when they joined) and every message they wrote.
 */
@ApplicationScoped
public class ChatExport implements UserDataExport {

    private final ExportRepository exports;

    public ChatExport(ExportRepository exports) {
        this.exports = exports;
    }

    @Override
    public Uni<String> exportOf(long userId) {
        return exports.exportOf(userId);
    }
}
