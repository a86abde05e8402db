package dev.parley.chat.rest;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

import dev.parley.chat.service.Media;
import dev.parley.common.security.CallerId;

/** An attachment's bytes: a redirect to a signed URL of the store, valid for minutes. */
@Path("/v1/media/{id}")
@Authenticated
public class MediaResource {

    private final Media media;
    private final JsonWebToken token;

    public MediaResource(Media media, JsonWebToken token) {
        this.media = media;
        this.token = token;
    }

    @GET
    @APIResponse(responseCode = "302", description = "The file, at a signed URL")
    public Uni<Response> file(@PathParam("id") long id) {
        return media.url(CallerId.of(token), id, false).map(MediaResource::found);
    }

    @GET
    @Path("/thumbnail")
    @APIResponse(responseCode = "302", description = "The image's thumbnail (longest side 320 px), at a signed URL")
    public Uni<Response> thumbnail(@PathParam("id") long id) {
        return media.url(CallerId.of(token), id, true).map(MediaResource::found);
    }

    private static Response found(String url) {
        return Response.status(Response.Status.FOUND).location(URI.create(url))
                .header("Cache-Control", "private, no-store").build();
    }
}
