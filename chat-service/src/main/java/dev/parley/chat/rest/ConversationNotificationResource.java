package dev.parley.chat.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

import dev.parley.chat.api.NotificationLevel;
import dev.parley.chat.service.NotificationPreferences;
import dev.parley.common.security.CallerId;

/** What pushes the caller gets from one conversation. */
@Path("/v1/conversations/{id}/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ConversationNotificationResource {

    private final NotificationPreferences preferences;
    private final JsonWebToken token;

    public ConversationNotificationResource(NotificationPreferences preferences, JsonWebToken token) {
        this.preferences = preferences;
        this.token = token;
    }

    @GET
    public Uni<NotificationLevel> get(@PathParam("id") long id) {
        return preferences.level(CallerId.of(token), id);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<NotificationLevel> set(@PathParam("id") long id, NotificationLevel level) {
        return preferences.setLevel(CallerId.of(token), id, level);
    }
}
