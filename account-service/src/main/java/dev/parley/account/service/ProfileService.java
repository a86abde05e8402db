package dev.parley.account.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import dev.parley.account.Account;
import dev.parley.account.api.OwnProfileView;
import dev.parley.account.api.UserView;
import dev.parley.account.repository.AccountRepository;
import dev.parley.common.error.ApiException;
import dev.parley.common.json.InvalidCharacters;
import dev.parley.common.paging.Cursor;
import dev.parley.common.paging.Page;
import dev.parley.common.time.Timestamps;
import dev.parley.common.validation.Input;

/** Public profiles: reading, searching by username prefix, and the owner's changes. */
@ApplicationScoped
public class ProfileService {

    private static final int MAX_LOCATION = 100;
    private static final int MAX_AVATAR_URL = 2048;

    private final AccountRepository accounts;
    private final AccountRules rules;
    private final AccountService accountService;
    private final PresenceSetting presence;
    private final ReadReceiptsSetting receipts;

    public ProfileService(AccountRepository accounts, AccountRules rules, AccountService accountService,
            PresenceSetting presence, ReadReceiptsSetting receipts) {
        this.accounts = accounts;
        this.rules = rules;
        this.accountService = accountService;
        this.presence = presence;
        this.receipts = receipts;
    }

    /** A verified user's public profile; unverified and unknown accounts are both "not found". */
    public Uni<UserView> find(long id) {
        return accounts.findVerified(id).map(account -> {
            if (account == null) {
                throw ApiException.notFound("User " + id + " not found");
            }
            return UserView.of(account);
        });
    }

    public Uni<Page<UserView>> search(String query, String cursor, int limit) {
        if (query == null || query.isBlank()) {
            throw ApiException.badRequest("expected 'query' parameter");
        }
        if (query.length() > 32) {
            throw ApiException.badRequest("query must be at most 32 characters");
        }
        Cursor after = Cursor.decode(cursor, 1);
        return accounts.searchVerified(query.trim(), after == null ? null : after.string(0), limit + 1)
                .map(rows -> Page.of(rows, limit, UserView::of,
                        a -> Cursor.of(a.username.toLowerCase(Locale.ROOT))));
    }

    /**
     * Applies the keys present in the body; a key set to null clears location or avatar_url. A change of
     * presence_visible or read_receipts is announced on the account feed in the same transaction.
     */
    @WithTransaction
    public Uni<OwnProfileView> update(long accountId, ObjectNode changes) {
        if (changes == null) {
            throw ApiException.badRequest("Malformed JSON body");
        }
        String username = changes.has("username") ? text(changes, "username", false) : null;
        if (username != null) {
            rules.checkUsername(username);
        }
        String location = text(changes, "location", true);
        if (location != null && location.length() > MAX_LOCATION) {
            throw ApiException.badRequest("location must be at most " + MAX_LOCATION + " characters");
        }
        String avatarUrl = text(changes, "avatar_url", true);
        if (avatarUrl != null) {
            checkAvatarUrl(avatarUrl);
        }
        Boolean presenceVisible = PresenceSetting.requested(changes);
        Boolean readReceipts = ReadReceiptsSetting.requested(changes);
        Uni<Void> usernameFree = username == null
                ? Uni.createFrom().voidItem()
                : accountService.ensureUsernameFree(username, accountId);
        return usernameFree.chain(() -> accounts.lock(accountId)).chain(account -> {
            if (account == null) {
                throw ApiException.unauthorized("Account no longer exists");
            }
            apply(account, changes, username, location, avatarUrl);
            return presence.apply(account, presenceVisible)
                    .chain(() -> receipts.apply(account, readReceipts))
                    .map(ignored -> OwnProfileView.of(account));
        }).onFailure(UniqueViolations::isViolation)
                .transform(e -> UniqueViolations.explain(e, null, username));
    }

    private static void apply(Account account, ObjectNode changes, String username, String location,
            String avatarUrl) {
        if (username != null) {
            account.username = username;
        }
        if (changes.has("location")) {
            account.location = location;
        }
        if (changes.has("avatar_url")) {
            account.avatarUrl = avatarUrl;
        }
        account.updatedAt = Timestamps.now();
    }

    private static String text(ObjectNode body, String key, boolean nullable) {
        JsonNode value = body.get(key);
        if (value == null || (value.isNull() && nullable)) {
            return null;
        }
        if (!value.isTextual()) {
            throw Input.invalidValue(key);
        }
        if (InvalidCharacters.in(value.asText())) {
            throw Input.invalidCharacters(key);
        }
        String text = value.asText().trim();
        return text.isEmpty() && nullable ? null : text;
    }

    private static void checkAvatarUrl(String value) {
        try {
            URI uri = new URI(value);
            boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            if (web && uri.getHost() != null && value.length() <= MAX_AVATAR_URL) {
                return;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw ApiException.badRequest("avatar_url must be an http(s) URL of at most " + MAX_AVATAR_URL + " characters");
    }
}
