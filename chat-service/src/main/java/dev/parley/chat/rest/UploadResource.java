package dev.parley.chat.rest;

import jakarta.ws.rs.Consumes;
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

import dev.parley.chat.api.NewUpload;
import dev.parley.chat.api.UploadTicket;
import dev.parley.chat.api.UploadView;
import dev.parley.chat.service.UploadCompletion;
import dev.parley.chat.service.Uploads;
import dev.parley.common.security.CallerId;

/** Uploading a file: declare it, PUT it to the URL answered, then complete it. */
@Path("/v1/uploads")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class UploadResource {

    private final Uploads uploads;
    private final UploadCompletion completion;
    private final JsonWebToken token;

    public UploadResource(Uploads uploads, UploadCompletion completion, JsonWebToken token) {
        this.uploads = uploads;
        this.completion = completion;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "Where to PUT the file, and until when", content = @Content(schema = @Schema(implementation = UploadTicket.class)))
    public Uni<UploadTicket> start(NewUpload upload) {
        return uploads.start(CallerId.of(token), upload);
    }

    @POST
    @Path("/{id}/complete")
    public Uni<UploadView> complete(@PathParam("id") long id) {
        return completion.complete(CallerId.of(token), id);
    }
}
