package dev.parley.friendship.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** account-service's user API. Used only through {@link AccountDirectory}, which guards every call. */
@RegisterRestClient(configKey = "account-service")
@Path("/v1/users")
@Produces(MediaType.APPLICATION_JSON)
interface AccountClient {

    @GET
    @Path("/{id}")
    Uni<AccountUser> find(@PathParam("id") long id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
}
