package dev.parley.chat.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

import dev.parley.chat.api.ConversationChange;
import dev.parley.chat.api.ConversationView;
import dev.parley.chat.api.NewConversation;
import dev.parley.chat.service.ConversationService;
import dev.parley.chat.service.ConversationViews;
import dev.parley.common.paging.Limit;
import dev.parley.common.paging.Page;
import dev.parley.common.security.CallerId;

/** The caller's conversations: open one, list them, read one, rename a group. */
@Path("/v1/conversations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class ConversationResource {

    private final ConversationService conversations;
    private final ConversationViews views;
    private final JsonWebToken token;

    public ConversationResource(ConversationService conversations, ConversationViews views, JsonWebToken token) {
        this.conversations = conversations;
        this.views = views;
        this.token = token;
    }

    /** 201 with a new conversation, or 200 with the direct conversation the two users already have. */
    @POST
    @APIResponse(responseCode = "201", description = "A new conversation", content = @Content(schema = @Schema(implementation = ConversationView.class)))
    @APIResponse(responseCode = "200", description = "The direct conversation the two already have", content = @Content(schema = @Schema(implementation = ConversationView.class)))
    public Uni<RestResponse<ConversationView>> open(NewConversation request) {
        return conversations.open(CallerId.of(token), request)
                .map(opened -> RestResponse.status(opened.created()
                        ? RestResponse.Status.CREATED
                        : RestResponse.Status.OK, opened.conversation()));
    }

    @GET
    public Uni<Page<ConversationView>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return views.list(CallerId.of(token), cursor, Limit.parse(limit));
    }

    @GET
    @Path("/{id}")
    public Uni<ConversationView> detail(@PathParam("id") long id) {
        return views.detail(id, CallerId.of(token));
    }

    @PATCH
    @Path("/{id}")
    public Uni<ConversationView> rename(@PathParam("id") long id, ConversationChange change) {
        return conversations.rename(CallerId.of(token), id, change == null ? null : change.title());
    }
}
