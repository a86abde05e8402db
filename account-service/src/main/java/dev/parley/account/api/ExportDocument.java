package dev.parley.account.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.account.Account;
import dev.parley.account.Session;

/**
 * The document of a data export: what account-service holds about the user (never a password or token hash), and
 * the parts friendship-service and chat-service answered for the same user.
 */
public record ExportDocument(Instant generatedAt, ExportedAccount account, List<ExportedSession> sessions,
        UserView profile,
        @Schema(implementation = ExportedParts.FriendshipPart.class) JsonNode friendship,
        @Schema(implementation = ExportedParts.ChatPart.class) JsonNode chat) {

    /** The account's own fields. */
    public record ExportedAccount(long id, String email, boolean verified, Instant createdAt, Instant updatedAt,
            boolean presenceVisible, boolean readReceipts) {

        public static ExportedAccount of(Account account) {
            return new ExportedAccount(account.id, account.email, account.verified, account.createdAt,
                    account.updatedAt, account.presenceVisible, account.readReceipts);
        }
    }

    /** One login, as long as it is kept: active, ended or expired. */
    public record ExportedSession(long id, String userAgent, Instant createdAt, Instant lastUsedAt,
            Instant expiresAt, Instant revokedAt) {

        public static ExportedSession of(Session session) {
            return new ExportedSession(session.id, session.userAgent, session.createdAt, session.lastUsedAt,
                    session.expiresAt, session.revokedAt);
        }
    }
}
