package dev.parley.friendship.rest;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

import dev.parley.common.paging.Limit;
import dev.parley.common.paging.Page;
import dev.parley.common.security.CallerId;
import dev.parley.friendship.api.FriendView;
import dev.parley.friendship.api.RelationshipView;
import dev.parley.friendship.service.FriendshipService;

/**
 * The caller's friends. {@code GET /v1/friendships/{user_id}} is also how chat-service checks, with the end user's
 * own token, whether two users may talk; it only ever answers about the caller's own relationships.
 */
@Path("/v1/friendships")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class FriendshipResource {

    private final FriendshipService friendships;
    private final JsonWebToken token;

    public FriendshipResource(FriendshipService friendships, JsonWebToken token) {
        this.friendships = friendships;
        this.token = token;
    }

    @GET
    public Uni<Page<FriendView>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return friendships.friends(CallerId.of(token), cursor, Limit.parse(limit));
    }

    @GET
    @Path("/{user_id}")
    public Uni<RelationshipView> relationship(@PathParam("user_id") long userId) {
        return friendships.relationship(CallerId.of(token), userId);
    }

    @DELETE
    @Path("/{user_id}")
    public Uni<Void> unfriend(@PathParam("user_id") long userId) {
        return friendships.unfriend(CallerId.of(token), userId);
    }
}
