package dev.parley.chat.service;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.chat.api.SearchHit;
import dev.parley.chat.repository.MemberRepository;
import dev.parley.chat.repository.SearchRepository;
import dev.parley.common.error.ApiException;
import dev.parley.common.paging.Keyset;
import dev.parley.common.paging.Page;

/**
 * {@code GET /v1/search/messages}: the messages of the caller's conversations whose text holds the query, in any
 * script and letter case, newest first. Deleted messages are never found; an edited one is found by its new text at
 * once, since the search reads the messages themselves.
 */
@ApplicationScoped
public class MessageSearch {

    static final int MIN_QUERY = 2;
    static final int MAX_QUERY = 200;
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");

    private final SearchRepository search;
    private final MemberRepository members;

    public MessageSearch(SearchRepository search, MemberRepository members) {
        this.search = search;
        this.members = members;
    }

    /**
     * One page of hits for {@code q} (2 to 200 characters once trimmed), in every conversation of the caller or only
     * in {@code conversationId}, which must be one of them (else 404, as for every route of a conversation).
     */
    public Uni<Page<SearchHit>> messages(long caller, String q, String conversationId, String cursor, int limit) {
        String query = query(q);
        Long conversation = conversationParam(conversationId);
        Keyset position = Keyset.after(cursor);
        Uni<Void> access = conversation == null
                ? Uni.createFrom().voidItem()
                : members.isMember(conversation, caller).chain(member -> member
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(Rules.conversationNotFound(conversation)));
        return access.chain(() -> search.find(caller, conversation, pattern(query), position, limit + 1))
                .map(rows -> Page.of(rows, limit,
                        hit -> new SearchHit(hit.conversationId(), hit.messageId(), hit.seq(), hit.senderId(),
                                hit.createdAt(), Snippet.around(hit.body(), query)),
                        hit -> Keyset.cursorAfter(hit.createdAt(), hit.messageId())));
    }

    static String query(String raw) {
        String query = raw == null ? "" : raw.strip();
        int length = query.codePointCount(0, query.length());
        if (length < MIN_QUERY || length > MAX_QUERY) {
            throw ApiException.badRequest("q must be " + MIN_QUERY + " to " + MAX_QUERY + " characters");
        }
        return query;
    }

    /**
     * The query as a LIKE pattern that finds it anywhere in a body; its own {@code %}, {@code _} and {@code \} are
     * literal.
     */
    static String pattern(String query) {
        return "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static Long conversationParam(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (!ID.matcher(raw.strip()).matches()) {
            throw ApiException.badRequest("conversation_id must be a conversation id (a positive integer)");
        }
        return Long.parseLong(raw.strip());
    }
}
