package dev.parley.chat.rest;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

import dev.parley.chat.api.PinView;
import dev.parley.chat.service.Pins;
import dev.parley.common.paging.Page;
import dev.parley.common.security.CallerId;

/** A conversation's pinned messages. */
@Path("/v1/conversations/{id}/pins")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class PinResource {

    private final Pins pins;
    private final JsonWebToken token;

    public PinResource(Pins pins, JsonWebToken token) {
        this.pins = pins;
        this.token = token;
    }

    /** Newest pin first. */
    @GET
    public Uni<Page<PinView>> list(@PathParam("id") long id) {
        return pins.list(CallerId.of(token), id);
    }

    @PUT
    @Path("/{messageId}")
    @APIResponse(responseCode = "204", description = "The message is pinned")
    public Uni<Void> pin(@PathParam("id") long id, @PathParam("messageId") long messageId) {
        return pins.pin(CallerId.of(token), id, messageId);
    }

    @DELETE
    @Path("/{messageId}")
    @APIResponse(responseCode = "204", description = "The message is not pinned")
    public Uni<Void> unpin(@PathParam("id") long id, @PathParam("messageId") long messageId) {
        return pins.unpin(CallerId.of(token), id, messageId);
    }
}
