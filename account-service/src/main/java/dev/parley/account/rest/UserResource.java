package dev.parley.account.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

import dev.parley.account.api.OwnProfileView;
import dev.parley.account.api.ProfileChanges;
import dev.parley.account.api.UserView;
import dev.parley.account.service.ProfileService;
import dev.parley.common.paging.Limit;
import dev.parley.common.paging.Page;
import dev.parley.common.security.CallerId;

/** Public profiles: read one, search by username prefix, change one's own. */
@Path("/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class UserResource {

    private final ProfileService profiles;
    private final JsonWebToken token;

    public UserResource(ProfileService profiles, JsonWebToken token) {
        this.profiles = profiles;
        this.token = token;
    }

    @GET
    public Uni<Page<UserView>> search(@QueryParam("query") String query, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        return profiles.search(query, cursor, Limit.parse(limit));
    }

    @GET
    @Path("/{id}")
    public Uni<UserView> find(@PathParam("id") long id) {
        return profiles.find(id);
    }

    @PATCH
    @Path("/me")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<OwnProfileView> update(
            @RequestBody(content = @Content(schema = @Schema(implementation = ProfileChanges.class))) ObjectNode changes) {
        return profiles.update(CallerId.of(token), changes);
    }
}
