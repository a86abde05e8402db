package dev.parley.friendship.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.common.internal.UserDataExport;
import dev.parley.friendship.repository.ExportRepository;

/**
 * A user's part of their data export, served on the internal port for account-service: {@code friends}
 * ({@code user_id}, {@code since}), {@code requests_sent} and {@code requests_received} ({@code user_id},
 * {@code created_at}) and {@code blocked} ({@code user_id}, {@code created_at}).
 */
@ApplicationScoped
public class FriendshipExport implements UserDataExport {

    private final ExportRepository export;

    public FriendshipExport(ExportRepository export) {
        this.export = export;
    }

    @Override
    public Uni<String> exportOf(long userId) {
        return export.exportOf(userId);
    }
}
