package dev.parley.chat.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

import dev.parley.chat.api.DeviceRegistration;
import dev.parley.chat.api.DeviceView;
import dev.parley.chat.service.Devices;
import dev.parley.chat.service.RevokedStreams;
import dev.parley.common.paging.Page;
import dev.parley.common.security.CallerId;

/** The caller's devices for push notifications. */
@Path("/v1/devices")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class DeviceResource {

    private final Devices devices;
    private final JsonWebToken token;

    public DeviceResource(Devices devices, JsonWebToken token) {
        this.devices = devices;
        this.token = token;
    }

    /** Most recently used first; never a token. */
    @GET
    public Uni<Page<DeviceView>> list() {
        return devices.list(CallerId.of(token));
    }

    @PUT
    @Path("/{deviceId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "The device is registered")
    @APIResponse(responseCode = "200", description = "The device replaced the one registered with its id")
    public Uni<Response> register(@PathParam("deviceId") String deviceId, DeviceRegistration registration) {
        return devices.register(CallerId.of(token), RevokedStreams.sessionOf(token), deviceId, registration)
                .map(created -> Response.status(created ? Response.Status.CREATED : Response.Status.OK).build());
    }

    @DELETE
    @Path("/{deviceId}")
    @APIResponse(responseCode = "204", description = "The device receives no more pushes")
    public Uni<Void> remove(@PathParam("deviceId") String deviceId) {
        return devices.remove(CallerId.of(token), deviceId);
    }
}
