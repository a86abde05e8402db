package dev.parley.chat.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

import dev.parley.chat.api.MemberView;
import dev.parley.chat.api.NewMember;
import dev.parley.chat.api.RoleChange;
import dev.parley.chat.service.MembershipService;
import dev.parley.common.security.CallerId;

/** The members of a group: add, remove (or leave), change roles. */
@Path("/v1/conversations/{id}/members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class MemberResource {

    private final MembershipService memberships;
    private final JsonWebToken token;

    public MemberResource(MembershipService memberships, JsonWebToken token) {
        this.memberships = memberships;
        this.token = token;
    }

    @POST
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "The new member", content = @Content(schema = @Schema(implementation = MemberView.class)))
    public Uni<MemberView> add(@PathParam("id") long id, NewMember request) {
        return memberships.add(CallerId.of(token), id, request == null ? null : request.userId());
    }

    @DELETE
    @Path("/{userId}")
    public Uni<Void> remove(@PathParam("id") long id, @PathParam("userId") long userId) {
        return memberships.remove(CallerId.of(token), id, userId);
    }

    @PATCH
    @Path("/{userId}")
    public Uni<MemberView> changeRole(@PathParam("id") long id, @PathParam("userId") long userId,
            RoleChange change) {
        return memberships.changeRole(CallerId.of(token), id, userId, change == null ? null : change.role());
    }
}
