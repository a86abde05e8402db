package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.builder.ResponseSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.ResponseSpecification;

/**
 * Parley's error envelope, {@code {"error": {"message", "status", "type"}}}, which every error a client sees must
 * have: the services' own and the proxy's. The type is the status's standard reason phrase.
 */
public final class ErrorSpec {

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"),
            Map.entry(409, "Conflict"),
            Map.entry(413, "Request Entity Too Large"),
            Map.entry(415, "Unsupported Media Type"),
            Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"),
            Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"));

    private ErrorSpec() {
    }

    /** REST Assured expectation: the envelope with this status, its reason phrase as type, and this message. */
    public static ResponseSpecification error(int status, String message) {
        return new ResponseSpecBuilder().addResponseSpecification(error(status))
                .expectBody("error.message", equalTo(message))
                .build();
    }

    /** Same envelope, any message: for statuses whose wording is the framework's own. */
    public static ResponseSpecification error(int status) {
        return new ResponseSpecBuilder()
                .expectStatusCode(status)
                .expectContentType(ContentType.JSON)
                .expectBody("error.status", equalTo(status))
                .expectBody("error.type", equalTo(reason(status)))
                .build();
    }

    /** The same check for a body read by another client. */
    public static void assertEnvelope(int status, JsonNode body, String message) {
        assertEnvelope(status, body);
        assertThat(body.path("error").path("message").asText()).as("error.message of %s", body).isEqualTo(message);
    }

    /** The same check, whatever the message (as long as there is one). */
    public static void assertEnvelope(int status, JsonNode body) {
        assertThat(body).as("a body in the error envelope").isNotNull();
        assertThat(body.path("error").path("status").asInt()).as("error.status of %s", body).isEqualTo(status);
        assertThat(body.path("error").path("type").asText()).as("error.type of %s", body).isEqualTo(reason(status));
        assertThat(body.path("error").path("message").asText()).as("error.message of %s", body).isNotBlank();
    }

    private static String reason(int status) {
        String reason = REASONS.get(status);
        if (reason == null) {
            throw new IllegalArgumentException("no reason phrase known for " + status);
        }
        return reason;
    }
}
