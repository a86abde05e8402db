package dev.parley.chat.rest;

import java.io.InputStream;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.common.annotation.Blocking;

import dev.parley.chat.service.StoreTransfers;

/**
 * The built-in store's signed URLs, when attachments are not in S3: clients PUT and GET files here with the URLs
 * chat-service gave them. The URL's signature is the authorization, so no access token is needed. Keys are a folder
 * and a name ({@code uploads/<id>-<random>}, {@code thumbnails/<id>-<random>}).
 */
@Path("/v1/store/{folder}/{name}")
@PermitAll
public class StoreResource {

    private final StoreTransfers transfers;

    public StoreResource(StoreTransfers transfers) {
        this.transfers = transfers;
    }

    @PUT
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @APIResponse(responseCode = "204", description = "The file is stored")
    @APIResponse(responseCode = "403", description = "The signature is invalid or expired, or the content type or "
            + "size is not the one signed")
    public void upload(@PathParam("folder") String folder, @PathParam("name") String name,
            @QueryParam("expires") String expires,
            @QueryParam("signature") String signature, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength, InputStream body) {
        transfers.upload(folder + "/" + name, expires, signature, contentType, contentLength, body);
    }

    @GET
    @Blocking
    @Produces(MediaType.WILDCARD)
    @APIResponse(responseCode = "200", description = "The file, named and typed as signed", content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "403", description = "The signature is invalid or expired")
    public Response download(@PathParam("folder") String folder, @PathParam("name") String name,
            @QueryParam("expires") String expires,
            @QueryParam("signature") String signature, @QueryParam("filename") String filename,
            @QueryParam("type") String type) {
        StoreTransfers.Download download = transfers.download(folder + "/" + name, expires, signature, filename,
                type);
        return Response.ok(download.file().toFile(), download.contentType())
                .header("Content-Disposition", download.contentDisposition())
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}
