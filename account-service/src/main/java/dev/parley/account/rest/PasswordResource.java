package dev.parley.account.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.smallrye.mutiny.Uni;

import dev.parley.account.api.EmailRequest;
import dev.parley.account.api.NewPassword;
import dev.parley.account.service.PasswordResetService;

/** Forgotten password: request a mailed token, then set a new password with it. */
@Path("/v1/accounts/password")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PasswordResource {

    private final PasswordResetService resets;

    public PasswordResource(PasswordResetService resets) {
        this.resets = resets;
    }

    @POST
    @Path("/forgot")
    @ResponseStatus(202)
    @APIResponse(responseCode = "202", description = "Accepted, whatever the email")
    public Uni<Void> forgot(EmailRequest request) {
        return resets.forgot(request == null ? null : request.email());
    }

    @POST
    @Path("/reset")
    @APIResponse(responseCode = "204", description = "The password is changed and every session has ended")
    public Uni<Void> reset(NewPassword request) {
        return resets.reset(request);
    }
}
