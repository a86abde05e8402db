package dev.parley.chat.rest;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

import dev.parley.chat.api.Reactor;
import dev.parley.chat.service.Reactions;
import dev.parley.common.paging.Limit;
import dev.parley.common.paging.Page;
import dev.parley.common.security.CallerId;

/** Reactions to a message: {@code {emoji}} is one emoji, URL-encoded. */
@Path("/v1/conversations/{id}/messages/{messageId}/reactions/{emoji}")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ReactionResource {

    private final Reactions reactions;
    private final JsonWebToken token;

    public ReactionResource(Reactions reactions, JsonWebToken token) {
        this.reactions = reactions;
        this.token = token;
    }

    @PUT
    @APIResponse(responseCode = "204", description = "The caller has reacted with the emoji")
    public Uni<Void> add(@PathParam("id") long id, @PathParam("messageId") long messageId,
            @PathParam("emoji") String emoji) {
        return reactions.add(CallerId.of(token), id, messageId, emoji);
    }

    @DELETE
    @APIResponse(responseCode = "204", description = "The caller has no reaction with the emoji")
    public Uni<Void> remove(@PathParam("id") long id, @PathParam("messageId") long messageId,
            @PathParam("emoji") String emoji) {
        return reactions.remove(CallerId.of(token), id, messageId, emoji);
    }

    /** The users who reacted with the emoji, newest first. */
    @GET
    public Uni<Page<Reactor>> reactors(@PathParam("id") long id, @PathParam("messageId") long messageId,
            @PathParam("emoji") String emoji, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        return reactions.reactors(CallerId.of(token), id, messageId, emoji, cursor, Limit.parse(limit));
    }
}
