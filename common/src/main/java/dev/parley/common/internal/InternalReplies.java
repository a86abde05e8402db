package dev.parley.common.internal;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import dev.parley.common.error.ApiException;
import dev.parley.common.error.DatabaseOutage;
import dev.parley.common.error.ErrorEnvelope;

/** Writes internal answers: JSON bodies, and failures in the common error envelope. */
@ApplicationScoped
public class InternalReplies {

    private static final Logger LOG = Logger.getLogger(InternalReplies.class);

    private final ObjectMapper json;

    public InternalReplies(ObjectMapper json) {
        this.json = json;
    }

    /** Answers 200 with the item as JSON (a String is sent as it is), or the failure in the envelope. */
    public void answer(RoutingContext context, Uni<?> result) {
        try {
            result.subscribe().with(item -> ok(context, item), failure -> fail(context, failure));
        } catch (RuntimeException e) {
            fail(context, e);
        }
    }

    public void fail(RoutingContext context, Throwable failure) {
        if (failure instanceof ApiException api) {
            error(context, api.status(), api.getMessage());
        } else if (DatabaseOutage.causedBy(failure)) {
            error(context, 503, "Service unavailable");
        } else {
            LOG.error("Internal request failed", failure);
            error(context, 500, "Internal server error");
        }
    }

    public void error(RoutingContext context, int status, String message) {
        if (context.response().ended()) {
            return;
        }
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(write(ErrorEnvelope.of(status, message)));
    }

    private void ok(RoutingContext context, Object item) {
        if (context.response().ended()) {
            return;
        }
        context.response().setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(item instanceof String text ? text : write(item));
    }

    private String write(Object item) {
        try {
            return json.writeValueAsString(item);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
