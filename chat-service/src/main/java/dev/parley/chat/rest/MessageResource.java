package dev.parley.chat.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

import dev.parley.chat.api.MessageEdit;
import dev.parley.chat.api.MessageView;
import dev.parley.chat.api.NewMessage;
import dev.parley.chat.service.MessageChanges;
import dev.parley.chat.service.MessageHistory;
import dev.parley.chat.service.MessageService;
import dev.parley.common.paging.Limit;
import dev.parley.common.paging.Page;
import dev.parley.common.security.CallerId;

/** Messages of one conversation. */
@Path("/v1/conversations/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class MessageResource {

    private final MessageService sending;
    private final MessageHistory history;
    private final MessageChanges changes;
    private final JsonWebToken token;

    public MessageResource(MessageService sending, MessageHistory history, MessageChanges changes,
            JsonWebToken token) {
        this.sending = sending;
        this.history = history;
        this.changes = changes;
        this.token = token;
    }

    /** 201 with the new message, or 200 with the stored one when its client_message_id was seen before. */
    @POST
    @Path("/messages")
    @APIResponse(responseCode = "201", description = "The stored message", content = @Content(schema = @Schema(implementation = MessageView.class)))
    @APIResponse(responseCode = "200", description = "The message stored earlier with the same client_message_id", content = @Content(schema = @Schema(implementation = MessageView.class)))
    public Uni<RestResponse<MessageView>> send(@PathParam("id") long id, NewMessage message) {
        return sending.send(CallerId.of(token), id, message)
                .map(sent -> RestResponse.status(sent.created()
                        ? RestResponse.Status.CREATED
                        : RestResponse.Status.OK, sent.message()));
    }

    @GET
    @Path("/messages")
    public Uni<Page<MessageView>> page(@PathParam("id") long id, @QueryParam("before_seq") String beforeSeq,
            @QueryParam("after_seq") String afterSeq, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        return history.page(CallerId.of(token), id, beforeSeq, afterSeq, cursor, Limit.parse(limit));
    }

    @PATCH
    @Path("/messages/{messageId}")
    public Uni<MessageView> edit(@PathParam("id") long id, @PathParam("messageId") long messageId,
            MessageEdit edit) {
        return changes.edit(CallerId.of(token), id, messageId, edit == null ? null : edit.body());
    }

    @DELETE
    @Path("/messages/{messageId}")
    public Uni<Void> delete(@PathParam("id") long id, @PathParam("messageId") long messageId) {
        return changes.delete(CallerId.of(token), id, messageId);
    }
}
