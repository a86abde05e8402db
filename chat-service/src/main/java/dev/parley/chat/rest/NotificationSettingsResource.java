package dev.parley.chat.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

import dev.parley.chat.api.NotificationSettings;
import dev.parley.chat.service.NotificationPreferences;
import dev.parley.common.security.CallerId;

/** The caller's choices for all their pushes. */
@Path("/v1/notifications/settings")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class NotificationSettingsResource {

    private final NotificationPreferences preferences;
    private final JsonWebToken token;

    public NotificationSettingsResource(NotificationPreferences preferences, JsonWebToken token) {
        this.preferences = preferences;
        this.token = token;
    }

    @GET
    public Uni<NotificationSettings> get() {
        return preferences.settings(CallerId.of(token));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<NotificationSettings> set(NotificationSettings settings) {
        return preferences.setSettings(CallerId.of(token), settings);
    }
}
