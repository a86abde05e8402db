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
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

import dev.parley.common.paging.Limit;
import dev.parley.common.paging.Page;
import dev.parley.common.security.CallerId;
import dev.parley.friendship.api.FriendRequestView;
import dev.parley.friendship.api.UserTarget;
import dev.parley.friendship.service.FriendRequestService;
import dev.parley.friendship.service.RequestActions;

/** Friend requests: send one, list the caller's pending ones, accept, decline or cancel. */
@Path("/v1/friendships/requests")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class FriendRequestResource {

    private final FriendRequestService requests;
    private final RequestActions actions;
    private final JsonWebToken token;

    public FriendRequestResource(FriendRequestService requests, RequestActions actions, JsonWebToken token) {
        this.requests = requests;
        this.actions = actions;
        this.token = token;
    }

    /** 201 with a new pending request; 200 when it accepted the other user's pending request instead. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "A pending request", content = @Content(schema = @Schema(implementation = FriendRequestView.class)))
    @APIResponse(responseCode = "200", description = "Accepted: the other user had already asked", content = @Content(schema = @Schema(implementation = FriendRequestView.class)))
    public Uni<RestResponse<FriendRequestView>> send(UserTarget body) {
        return requests.send(CallerId.of(token), body).map(view -> view.isPending()
                ? RestResponse.status(RestResponse.Status.CREATED, view)
                : RestResponse.ok(view));
    }

    @GET
    public Uni<Page<FriendRequestView>> list(@QueryParam("direction") String direction,
            @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return actions.list(CallerId.of(token), direction, cursor, Limit.parse(limit));
    }

    @POST
    @Path("/{id}/accept")
    public Uni<FriendRequestView> accept(@PathParam("id") long id) {
        return actions.accept(CallerId.of(token), id);
    }

    @POST
    @Path("/{id}/decline")
    @APIResponse(responseCode = "204", description = "Declined")
    public Uni<Void> decline(@PathParam("id") long id) {
        return actions.decline(CallerId.of(token), id);
    }

    @DELETE
    @Path("/{id}")
    public Uni<Void> cancel(@PathParam("id") long id) {
        return actions.cancel(CallerId.of(token), id);
    }
}
