package dev.parley.common.testing;

import static org.hamcrest.Matchers.equalTo;

import io.restassured.builder.ResponseSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.ResponseSpecification;

import dev.parley.common.error.ErrorEnvelope;

/** REST Assured expectation for an answer in the common error envelope with a given status and message. */
public final class ErrorSpec {

    private ErrorSpec() {
    }

    public static ResponseSpecification error(int status, String message) {
        return new ResponseSpecBuilder()
                .expectStatusCode(status)
                .expectContentType(ContentType.JSON)
                .expectBody("error.status", equalTo(status))
                .expectBody("error.type", equalTo(ErrorEnvelope.reasonPhrase(status)))
                .expectBody("error.message", equalTo(message))
                .build();
    }

    /** Same envelope, any message: for statuses whose wording is the framework's own. */
    public static ResponseSpecification error(int status) {
        return new ResponseSpecBuilder()
                .expectStatusCode(status)
                .expectContentType(ContentType.JSON)
                .expectBody("error.status", equalTo(status))
                .expectBody("error.type", equalTo(ErrorEnvelope.reasonPhrase(status)))
                .build();
    }
}
