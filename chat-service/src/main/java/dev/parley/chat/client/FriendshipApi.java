package dev.parley.chat.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** friendship-service as seen from chat-service. Used only through {@link Friendships}. */
@RegisterRestClient(configKey = "friendship-service")
@Path("/v1/friendships")
interface FriendshipApi {

    @GET
    @Path("/{userId}")
    Uni<FriendshipStatus> status(@PathParam("userId") long userId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
}
