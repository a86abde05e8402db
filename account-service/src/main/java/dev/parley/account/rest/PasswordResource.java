package dev.parley.account.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

import dev.parley.account.api.EmailRequest;
import dev.parley.account.api.NewPassword;
import dev.parley.account.service.PasswordResetService;
import dev.parley.common.http.ClientAddresses;

/** Forgotten password: request a mailed token, then set a new password with it. */
@Path("/v1/accounts/password")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PasswordResource {

    private static final String TOO_MANY = "Too many requests from this address; Retry-After says when to try again";

    private final PasswordResetService resets;
    private final ClientAddresses addresses;

    public PasswordResource(PasswordResetService resets, ClientAddresses addresses) {
        this.resets = resets;
        this.addresses = addresses;
    }

    @POST
    @Path("/forgot")
    @ResponseStatus(202)
    @APIResponse(responseCode = "202", description = "Accepted, whatever the email")
    @APIResponse(responseCode = "429", description = TOO_MANY)
    public Uni<Void> forgot(EmailRequest body, @Context HttpServerRequest request) {
        return resets.forgot(body == null ? null : body.email(), addresses.of(request));
    }

    @POST
    @Path("/reset")
    @APIResponse(responseCode = "204", description = "The password is changed and every session has ended")
    @APIResponse(responseCode = "429", description = TOO_MANY)
    public Uni<Void> reset(NewPassword body, @Context HttpServerRequest request) {
        return resets.reset(body, addresses.of(request));
    }
}
