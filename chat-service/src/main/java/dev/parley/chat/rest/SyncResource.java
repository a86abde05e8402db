package dev.parley.chat.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

import dev.parley.chat.api.SyncResult;
import dev.parley.chat.service.SyncService;
import dev.parley.common.paging.Limit;
import dev.parley.common.security.CallerId;

/** {@code GET /v1/sync?since=<cursor>&limit=}: everything that changed for the caller since the cursor, in one call. */
@Path("/v1/sync")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class SyncResource {

    private final SyncService sync;
    private final JsonWebToken token;

    public SyncResource(SyncService sync, JsonWebToken token) {
        this.sync = sync;
        this.token = token;
    }

    @GET
    public Uni<SyncResult> sync(@QueryParam("since") String since, @QueryParam("limit") String limit) {
        return sync.sync(CallerId.of(token), since, Limit.parse(limit));
    }
}
