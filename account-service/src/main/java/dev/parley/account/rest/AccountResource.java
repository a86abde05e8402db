package dev.parley.account.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

import dev.parley.account.api.AccountView;
import dev.parley.account.api.EmailRequest;
import dev.parley.account.api.PasswordConfirmation;
import dev.parley.account.api.Registration;
import dev.parley.account.service.AccountDeletion;
import dev.parley.account.service.AccountService;
import dev.parley.account.service.RegistrationService;
import dev.parley.common.http.ClientAddresses;
import dev.parley.common.security.CallerId;

/** Registration, email verification and the caller's own account. */
@Path("/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

    private static final String TOO_MANY = "Too many requests from this address; Retry-After says when to try again";

    private final RegistrationService registrations;
    private final AccountService accounts;
    private final AccountDeletion deletion;
    private final JsonWebToken token;
    private final ClientAddresses addresses;

    public AccountResource(RegistrationService registrations, AccountService accounts, AccountDeletion deletion,
            JsonWebToken token, ClientAddresses addresses) {
        this.registrations = registrations;
        this.accounts = accounts;
        this.deletion = deletion;
        this.token = token;
        this.addresses = addresses;
    }

    @POST
    @Path("/register")
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "The new account; a verification mail is on its way", content = @Content(schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "429", description = TOO_MANY)
    public Uni<AccountView> register(Registration registration, @Context HttpServerRequest request) {
        return registrations.register(registration, addresses.of(request));
    }

    @GET
    @Path("/verify/{token}")
    @APIResponse(responseCode = "200", description = "The account, now verified", content = @Content(schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "429", description = TOO_MANY)
    public Uni<AccountView> verify(@PathParam("token") String verificationToken,
            @Context HttpServerRequest request) {
        return registrations.verify(verificationToken, addresses.of(request));
    }

    @POST
    @Path("/verify/resend")
    @ResponseStatus(202)
    @APIResponse(responseCode = "202", description = "Accepted, whatever the email")
    @APIResponse(responseCode = "429", description = TOO_MANY)
    public Uni<Void> resendVerification(EmailRequest body, @Context HttpServerRequest request) {
        return registrations.resendVerification(body == null ? null : body.email(), addresses.of(request));
    }

    @GET
    @Path("/me")
    @Authenticated
    public Uni<AccountView> me() {
        return accounts.me(CallerId.of(token));
    }

    @DELETE
    @Path("/me")
    @Authenticated
    @APIResponse(responseCode = "204", description = "The account and everything about it are deleted, in every "
            + "service; its sessions have ended, and its email and username are free again")
    @APIResponse(responseCode = "403", description = "The password does not match")
    public Uni<Void> delete(PasswordConfirmation confirmation) {
        return deletion.delete(CallerId.of(token), confirmation);
    }
}
