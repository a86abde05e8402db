package dev.parley.chat.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.parley.chat.api.PresenceList;
import dev.parley.chat.api.PresenceView;
import dev.parley.chat.repository.PresenceRepository;
import dev.parley.chat.repository.PresenceRepository.Stored;
import dev.parley.common.error.ApiException;

/**
 * {@code GET /v1/presence}: the presence of the caller's friends among the users asked for, as they are now (the
 * window of {@code presence.updated} does not apply). Anyone else, and everyone for a caller who hides their own
 * presence, is null.
 */
@ApplicationScoped
public class PresenceService {

    static final int MAX_IDS = 100;
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");

    private final PresenceRepository presence;

    public PresenceService(PresenceRepository presence) {
        this.presence = presence;
    }

    /** One item per id of {@code userIds} (comma-separated), in order. */
    public Uni<PresenceList> of(long caller, String userIds) {
        List<Long> ids = parse(userIds);
        return presence.friendsOf(caller, List.copyOf(new LinkedHashSet<>(ids))).map(found -> {
            Map<Long, PresenceView> friends = new HashMap<>();
            for (Stored stored : found) {
                friends.put(stored.userId(), PresenceWindow.shown(stored.userId(), stored.online(),
                        stored.lastSeenAt(), stored.hidden()));
            }
            List<PresenceView> items = new ArrayList<>(ids.size());
            ids.forEach(id -> items.add(friends.get(id)));
            return new PresenceList(items);
        });
    }

    static List<Long> parse(String userIds) {
        if (userIds == null || userIds.isBlank()) {
            throw ApiException.badRequest("user_ids is required: a comma-separated list of user ids");
        }
        String[] parts = userIds.split(",", -1);
        if (parts.length > MAX_IDS) {
            throw ApiException.badRequest("At most " + MAX_IDS + " user_ids");
        }
        List<Long> ids = new ArrayList<>(parts.length);
        for (String part : parts) {
            if (!ID.matcher(part).matches()) {
                throw ApiException.badRequest("user_ids must be a comma-separated list of user ids");
            }
            ids.add(Long.parseLong(part));
        }
        return ids;
    }
}
