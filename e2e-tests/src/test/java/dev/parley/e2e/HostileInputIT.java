package dev.parley.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

import dev.parley.e2e.support.ApiDocument;
import dev.parley.e2e.support.ApiDocument.Operation;
import dev.parley.e2e.support.EndToEnd;
import dev.parley.e2e.support.Product.Service;
import dev.parley.e2e.support.User;
import dev.parley.e2e.support.Users;

/**
 * Hostile values never yield a 500: every operation of every service that takes a body or a query parameter gets,
 * in each of them, NUL characters, lone surrogates, huge and negative numbers, very long strings, values of the wrong
 * type, and malformed or deeply nested bodies. Every answer is a 2xx or a 4xx in the error envelope. The operations
 * are read from the services' own OpenAPI documents, so a new route is covered the day it is added.
 */
@EndToEnd
class HostileInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> HOSTILE_STRINGS = List.of(json("nul\u0000inside"), json("\uD800"), json(""),
            json("x".repeat(20_000)), json("a".repeat(250) + "@" + "b".repeat(10) + ".example"), "12345",
            "[\"array\"]", "{\"object\": 1}", "null");
    private static final List<String> HOSTILE_NUMBERS = List.of("99999999999999999999999", "-1", "0", "1.5", "1e400",
            json("text"), "true", "null", "[1]");
    private static final List<String> HOSTILE_OTHERS = List.of(json("nul\u0000inside"), "99999999999999999999999",
            "\"yes\"", "null", "[null]", "{}");
    private static final List<String> HOSTILE_BODIES = List.of("", "{", "[]", "\"x\"", "null", "{\"a\":}",
            "[".repeat(5_000) + "]".repeat(5_000), "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000));
    private static final List<String> HOSTILE_QUERY_VALUES = List.of("%00", "a%00b", "99999999999999999999999", "-1",
            "abc", "x".repeat(5_000), "%FF%FE", "%C0%80", "1e400");

    private final AtomicInteger clients = new AtomicInteger();

    @Test
    void noRouteAnswersHostileInputWithAServerError() throws Exception {
        User user = Users.verifiedUser("hostile");
        List<String> failures = new ArrayList<>();
        int requests = 0;
        for (Service service : Service.values()) {
            ApiDocument document = ApiDocument.of(service.url());
            for (Operation operation : document.operations()) {
                String path = operation.template().replaceAll("\\{[^}]+}", Long.toString(user.id()));
                if (document.takesBody(operation)) {
                    for (String body : hostileBodies(document.requestProperties(operation))) {
                        requests++;
                        check(operation, body, send(service, user, operation.method(), path, body), failures);
                    }
                }
                for (String name : document.queryParameters(operation).keySet()) {
                    for (String value : HOSTILE_QUERY_VALUES) {
                        requests++;
                        String target = path + "?" + name + "=" + value;
                        check(operation, target, send(service, user, operation.method(), target, null), failures);
                    }
                }
            }
        }

        assertThat(requests).as("hostile requests sent").isGreaterThan(300);
        assertThat(failures).as("answers that are neither a 2xx nor a 4xx in the envelope").isEmpty();
    }

    /** Each property in turn gets each hostile value of its type, the others plausible ones; then broken bodies. */
    private static List<String> hostileBodies(Map<String, JsonNode> properties) {
        List<String> bodies = new ArrayList<>(HOSTILE_BODIES);
        for (String target : properties.keySet()) {
            for (String value : hostileValuesFor(properties.get(target))) {
                Map<String, String> fields = new LinkedHashMap<>();
                properties.forEach((name, schema) -> fields.put(name, name.equals(target) ? value : plausible(schema)));
                StringBuilder body = new StringBuilder("{");
                fields.forEach((name, raw) -> body.append(body.length() > 1 ? "," : "").append(json(name)).append(':')
                        .append(raw));
                bodies.add(body.append('}').toString());
            }
        }
        return bodies;
    }

    private static List<String> hostileValuesFor(JsonNode schema) {
        return switch (schema.path("type").asText()) {
            case "string" -> HOSTILE_STRINGS;
            case "integer", "number" -> HOSTILE_NUMBERS;
            default -> HOSTILE_OTHERS;
        };
    }

    private static String plausible(JsonNode schema) {
        return switch (schema.path("type").asText()) {
            case "string" -> json("hostile-test");
            case "integer", "number" -> "1";
            case "boolean" -> "false";
            case "array" -> "[]";
            default -> "null";
        };
    }

    private Response send(Service service, User user, String method, String target, String body) {
        var request = given().baseUri(service.url()).urlEncodingEnabled(false)
                .header("Authorization", "Bearer " + user.accessToken())
                // A client address per request: limits per address must not hide what the route itself answers.
                .header("X-Forwarded-For", "198.18." + (clients.get() / 250 % 250) + "." + (clients.incrementAndGet()
                        % 250 + 1));
        if (body != null) {
            request.contentType(ContentType.JSON).body(body);
        }
        return request.request(method, target);
    }

    private static void check(Operation operation, String input, Response response, List<String> failures) {
        int status = response.statusCode();
        String shown = input.length() > 120 ? input.substring(0, 120) + "…" : input;
        if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
            failures.add(operation + " " + shown + " -> " + status + " " + response.asString());
        } else if (status >= 400) {
            try {
                JsonNode error = JSON.readTree(response.asString()).path("error");
                if (error.path("status").asInt() != status || error.path("message").asText().isEmpty()) {
                    failures.add(operation + " " + shown + " -> " + status + " outside the envelope: "
                            + response.asString());
                }
            } catch (Exception e) {
                failures.add(operation + " " + shown + " -> " + status + " not JSON: " + response.asString());
            }
        }
    }

    private static String json(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
