package dev.parley.common.error;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The one error shape every Parley service answers with:
 * {@code {"error": {"message": "...", "status": 400, "type": "Bad Request"}}}, where {@code type} is the HTTP reason
 * phrase of {@code status}.
 */
public record ErrorEnvelope(Detail error) {

    /** The body of an error: what went wrong, the HTTP status and its reason phrase. */
    public record Detail(String message, int status, String type) {
    }

    public static ErrorEnvelope of(int status, String message) {
        return new ErrorEnvelope(new Detail(message, status, reasonPhrase(status)));
    }

    /** A ready response carrying the envelope as JSON. */
    public static Response.ResponseBuilder response(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(of(status, message));
    }

    public static String reasonPhrase(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return switch (status) {
            case 422 -> "Unprocessable Content";
            case 423 -> "Locked";
            default -> status >= 500 ? "Server Error" : "Client Error";
        };
    }
}
