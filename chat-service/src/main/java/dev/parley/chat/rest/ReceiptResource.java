package dev.parley.chat.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

import dev.parley.chat.api.DeliveryMark;
import dev.parley.chat.api.ReadMark;
import dev.parley.chat.api.Receipts;
import dev.parley.chat.service.ReadMarks;
import dev.parley.common.security.CallerId;

/** The caller's read and delivery marks in a conversation, and every member's. */
@Path("/v1/conversations/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class ReceiptResource {

    private final ReadMarks marks;
    private final JsonWebToken token;

    public ReceiptResource(ReadMarks marks, JsonWebToken token) {
        this.marks = marks;
        this.token = token;
    }

    @POST
    @Path("/read")
    @APIResponse(responseCode = "204", description = "The read mark moved forward, or stayed")
    public Uni<Void> markRead(@PathParam("id") long id, ReadMark mark) {
        return marks.markRead(CallerId.of(token), id, mark == null ? null : mark.seq());
    }

    @POST
    @Path("/delivered")
    @APIResponse(responseCode = "204", description = "The delivery mark moved forward, or stayed")
    public Uni<Void> markDelivered(@PathParam("id") long id, DeliveryMark mark) {
        return marks.markDelivered(CallerId.of(token), id, mark == null ? null : mark.seq());
    }

    @GET
    @Path("/receipts")
    public Uni<Receipts> receipts(@PathParam("id") long id) {
        return marks.receipts(CallerId.of(token), id);
    }
}
