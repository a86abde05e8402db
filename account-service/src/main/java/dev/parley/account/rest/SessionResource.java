package dev.parley.account.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

import dev.parley.account.api.Credentials;
import dev.parley.account.api.RefreshRequest;
import dev.parley.account.api.SessionView;
import dev.parley.account.api.TokenPair;
import dev.parley.account.service.RefreshTokenService;
import dev.parley.account.service.SessionService;
import dev.parley.common.http.ClientAddresses;
import dev.parley.common.paging.Limit;
import dev.parley.common.paging.Page;
import dev.parley.common.security.CallerId;

/** Login, token refresh, logout and the caller's sessions. */
@Path("/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SessionResource {

    private static final String LOCKED = "Too many requests from this address, or too many failed logins for the "
            + "email from it or from everywhere; Retry-After says when to try again";

    private final SessionService sessions;
    private final RefreshTokenService refreshTokens;
    private final JsonWebToken token;
    private final ClientAddresses addresses;

    public SessionResource(SessionService sessions, RefreshTokenService refreshTokens, JsonWebToken token,
            ClientAddresses addresses) {
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.token = token;
        this.addresses = addresses;
    }

    @POST
    @Path("/login")
    @APIResponse(responseCode = "200", description = "The tokens of a new session", content = @Content(schema = @Schema(implementation = TokenPair.class)))
    @APIResponse(responseCode = "429", description = LOCKED)
    public Uni<TokenPair> login(Credentials credentials, @HeaderParam(HttpHeaders.USER_AGENT) String userAgent,
            @Context HttpServerRequest request) {
        return sessions.login(credentials, userAgent, addresses.of(request));
    }

    @POST
    @Path("/token/refresh")
    public Uni<TokenPair> refresh(RefreshRequest request) {
        return refreshTokens.refresh(request);
    }

    @POST
    @Path("/logout")
    @APIResponse(responseCode = "204", description = "The session has ended")
    public Uni<Void> logout(RefreshRequest request) {
        return refreshTokens.logout(request);
    }

    @GET
    @Path("/sessions")
    @Authenticated
    public Uni<Page<SessionView>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return sessions.list(CallerId.of(token), currentSessionId(), cursor, Limit.parse(limit));
    }

    @DELETE
    @Path("/sessions/{id}")
    @Authenticated
    public Uni<Void> revoke(@PathParam("id") long sessionId) {
        return sessions.revoke(CallerId.of(token), sessionId);
    }

    private Long currentSessionId() {
        Object sid = token.getClaim("sid");
        return sid == null ? null : Long.valueOf(sid.toString());
    }
}
