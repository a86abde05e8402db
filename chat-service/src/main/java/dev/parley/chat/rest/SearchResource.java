package dev.parley.chat.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

import dev.parley.chat.api.SearchHit;
import dev.parley.chat.service.MessageSearch;
import dev.parley.common.paging.Limit;
import dev.parley.common.paging.Page;
import dev.parley.common.security.CallerId;

/**
 * {@code GET /v1/search/messages?q=&conversation_id=&limit=&cursor=}: the caller's messages holding {@code q}, newest
 * first, in all their conversations or in one.
 */
@Path("/v1/search")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class SearchResource {

    private final MessageSearch search;
    private final JsonWebToken token;

    public SearchResource(MessageSearch search, JsonWebToken token) {
        this.search = search;
        this.token = token;
    }

    @GET
    @Path("/messages")
    public Uni<Page<SearchHit>> messages(@QueryParam("q") String q,
            @QueryParam("conversation_id") String conversationId,
            @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return search.messages(CallerId.of(token), q, conversationId, cursor, Limit.parse(limit));
    }
}
