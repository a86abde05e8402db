package dev.parley.account.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

import dev.parley.account.api.ExportDocument;
import dev.parley.account.api.ExportView;
import dev.parley.account.service.ExportService;
import dev.parley.common.security.CallerId;

/**
 * The caller's data exports: everything Parley holds about them (this service's account, sessions and profile,
 * friendship-service's and chat-service's parts) as one JSON document, gathered in the background.
 */
@Path("/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ExportResource {

    private static final String PENDING = "The export, pending: usually ready within a minute (GET it to see); "
            + "kept for 7 days once ready";
    private static final String TOO_MANY = "One export per account per 24 hours (parley.exports.per-account); "
            + "Retry-After says when the next may be asked for";
    private static final String PROGRESS = "The export's progress; download_url (absolute, from parley.public-url) "
            + "and expires_at once it is ready, null before";
    private static final String DOCUMENT = "The document, as an attachment named parley-export-{id}.json";
    private static final String GONE = "No such export of the caller's, or it has expired";

    private final ExportService exports;
    private final JsonWebToken token;

    public ExportResource(ExportService exports, JsonWebToken token) {
        this.exports = exports;
        this.token = token;
    }

    @POST
    @Path("/me/export")
    @ResponseStatus(202)
    @APIResponse(responseCode = "202", description = PENDING, content = @Content(schema = @Schema(implementation = ExportView.class)))
    @APIResponse(responseCode = "429", description = TOO_MANY)
    public Uni<ExportView> request() {
        return exports.request(CallerId.of(token));
    }

    @GET
    @Path("/me/exports/{id}")
    @APIResponse(responseCode = "200", description = PROGRESS, content = @Content(schema = @Schema(implementation = ExportView.class)))
    @APIResponse(responseCode = "404", description = GONE)
    public Uni<ExportView> find(@PathParam("id") long id) {
        return exports.find(CallerId.of(token), id);
    }

    @GET
    @Path("/me/exports/{id}/download")
    @APIResponse(responseCode = "200", description = DOCUMENT, content = @Content(schema = @Schema(implementation = ExportDocument.class)))
    @APIResponse(responseCode = "404", description = GONE)
    @APIResponse(responseCode = "409", description = "The export is not ready: still pending, or failed")
    public Uni<Response> download(@PathParam("id") long id) {
        return exports.download(CallerId.of(token), id)
                .map(file -> Response.ok(file.content(), MediaType.APPLICATION_JSON)
                        .header("Content-Disposition", "attachment; filename=\"" + file.filename() + "\"").build());
    }
}
