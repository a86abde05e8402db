package dev.parley.common.error;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

import dev.parley.common.json.InvalidCharacters;
import dev.parley.common.validation.Input;

/**
 * Turns every failure that reaches the REST layer into an {@link ErrorEnvelope}, so no client ever sees another error
 * shape. Unexpected failures answer 500 with a generic message; their details go to the log only.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response.ResponseBuilder builder = ErrorEnvelope.response(e.status(), e.getMessage());
        e.headers().forEach(builder::header);
        return builder.build();
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        String field = fieldOf(e);
        if (field == null) {
            return ErrorEnvelope.response(400, "Malformed JSON body").build();
        }
        return api(e instanceof InvalidCharacters ? Input.invalidCharacters(field) : Input.invalidValue(field));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return ErrorEnvelope.response(400, "Malformed JSON body").build();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return challenge("Authentication required");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return challenge("Invalid or expired access token");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return ErrorEnvelope.response(403, "Forbidden").build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return json instanceof MismatchedInputException mismatch ? mismatchedInput(mismatch) : malformedJson(json);
        }
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        return ErrorEnvelope.response(status, messageFor(status)).build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        if (DatabaseOutage.causedBy(e)) {
            // Nothing was stored; the client may retry shortly (with the same client_message_id where it has one).
            LOG.warnf("Database unavailable: %s", DatabaseOutage.rootMessage(e));
            return ErrorEnvelope.response(503, "Service unavailable").header("Retry-After", "1").build();
        }
        LOG.error("Unexpected failure", e);
        return ErrorEnvelope.response(500, "Internal server error").build();
    }

    private static Response challenge(String message) {
        return ErrorEnvelope.response(401, message).header("WWW-Authenticate", "Bearer").build();
    }

    /** The message an error status answers with when nothing more precise is known. */
    public static String messageFor(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Authentication required";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 413 -> "Request body too large";
            case 415 -> "Unsupported media type; send application/json";
            case 503 -> "Service unavailable";
            default -> status >= 500 ? "Internal server error" : ErrorEnvelope.reasonPhrase(status);
        };
    }

    private static String fieldOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse(null);
    }
}
