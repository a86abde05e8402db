package dev.parley.chat.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

import dev.parley.chat.api.PresenceList;
import dev.parley.chat.service.PresenceService;
import dev.parley.common.security.CallerId;

/**
 * {@code GET /v1/presence?user_ids=1,2,3} (at most 100): whether each of the caller's friends among them is online,
 * or when they were last; null for anyone else.
 */
@Path("/v1/presence")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class PresenceResource {

    private final PresenceService presence;
    private final JsonWebToken token;

    public PresenceResource(PresenceService presence, JsonWebToken token) {
        this.presence = presence;
        this.token = token;
    }

    @GET
    public Uni<PresenceList> presence(@QueryParam("user_ids") String userIds) {
        return presence.of(CallerId.of(token), userIds);
    }
}
