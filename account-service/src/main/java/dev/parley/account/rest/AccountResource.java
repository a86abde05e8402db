package dev.parley.account.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

import dev.parley.account.api.AccountView;
import dev.parley.account.api.EmailRequest;
import dev.parley.account.api.PasswordConfirmation;
import dev.parley.account.api.Registration;
import dev.parley.account.service.AccountService;
import dev.parley.common.security.CallerId;

/** Registration, email verification and the caller's own account. */
@Path("/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

    private final AccountService accounts;
    private final JsonWebToken token;

    public AccountResource(AccountService accounts, JsonWebToken token) {
        this.accounts = accounts;
        this.token = token;
    }

    @POST
    @Path("/register")
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "The new account; a verification mail is on its way", content = @Content(schema = @Schema(implementation = AccountView.class)))
    public Uni<AccountView> register(Registration registration) {
        return accounts.register(registration);
    }

    @GET
    @Path("/verify/{token}")
    public Uni<AccountView> verify(@PathParam("token") String verificationToken) {
        return accounts.verify(verificationToken);
    }

    @POST
    @Path("/verify/resend")
    @ResponseStatus(202)
    @APIResponse(responseCode = "202", description = "Accepted, whatever the email")
    public Uni<Void> resendVerification(EmailRequest request) {
        return accounts.resendVerification(request == null ? null : request.email());
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
    public Uni<Void> delete(PasswordConfirmation confirmation) {
        return accounts.delete(CallerId.of(token), confirmation);
    }
}
