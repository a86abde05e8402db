package dev.parley.friendship.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

import dev.parley.common.paging.Limit;
import dev.parley.common.paging.Page;
import dev.parley.common.security.CallerId;
import dev.parley.friendship.api.BlockView;
import dev.parley.friendship.api.UserTarget;
import dev.parley.friendship.service.BlockService;

/** The users the caller has blocked. */
@Path("/v1/blocks")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class BlockResource {

    private final BlockService blocks;
    private final JsonWebToken token;

    public BlockResource(BlockService blocks, JsonWebToken token) {
        this.blocks = blocks;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "The block", content = @Content(schema = @Schema(implementation = BlockView.class)))
    public Uni<BlockView> block(UserTarget body) {
        return blocks.block(CallerId.of(token), body);
    }

    @GET
    public Uni<Page<BlockView>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return blocks.list(CallerId.of(token), cursor, Limit.parse(limit));
    }

    @DELETE
    @Path("/{user_id}")
    public Uni<Void> unblock(@PathParam("user_id") long userId) {
        return blocks.unblock(CallerId.of(token), userId);
    }
}
