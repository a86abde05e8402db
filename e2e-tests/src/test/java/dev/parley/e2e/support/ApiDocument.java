package dev.parley.e2e.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.e2e.support.WireRecorder.Exchange;

/**
 * A service's OpenAPI document as the service serves it, and whether an exchange on the wire is what it documents:
 * a documented status, and bodies whose property names are exactly the documented ones (every documented property is
 * present in an answer, since Parley always writes nulls out; a request sends none that is undocumented).
 */
public final class ApiDocument {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One operation: method and path template, e.g. {@code POST /v1/conversations/{id}/messages}. */
    public record Operation(String method, String template, JsonNode node) {

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private final JsonNode root;
    private final List<Operation> operations = new ArrayList<>();

    private ApiDocument(JsonNode root) {
        this.root = root;
        root.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(
                op -> operations.add(new Operation(op.getKey().toUpperCase(), path.getKey(), op.getValue()))));
    }

    /** The document served at {@code <baseUrl>/q/openapi}. */
    public static ApiDocument of(String baseUrl) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create(baseUrl + "/q/openapi?format=json")).build(),
                HttpResponse.BodyHandlers.ofString());
        return new ApiDocument(JSON.readTree(answer.body()));
    }

    public List<Operation> operations() {
        return List.copyOf(operations);
    }

    /** The properties of the operation's JSON request body, by name, with their schemas; empty without a body. */
    public Map<String, JsonNode> requestProperties(Operation operation) {
        JsonNode schema = resolve(operation.node().path("requestBody").path("content").path("application/json")
                .path("schema"));
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        schema.path("properties").fields().forEachRemaining(p -> properties.put(p.getKey(), resolve(p.getValue())));
        return properties;
    }

    /** Whether the operation takes a JSON request body. */
    public boolean takesBody(Operation operation) {
        return operation.node().path("requestBody").path("content").has("application/json");
    }

    /** The operation's query parameters, by name, with their schemas. */
    public Map<String, JsonNode> queryParameters(Operation operation) {
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        for (JsonNode parameter : operation.node().path("parameters")) {
            if ("query".equals(parameter.path("in").asText())) {
                parameters.put(parameter.path("name").asText(), resolve(parameter.path("schema")));
            }
        }
        return parameters;
    }

    /** The operation that serves the exchange's method and path. */
    public Optional<Operation> operationOf(Exchange exchange) {
        return operations.stream().filter(op -> op.method().equals(exchange.method())
                && exchange.path().matches(op.template().replaceAll("\\{[^}]+}", "[^/]+"))).findFirst();
    }

    /** What in the exchange departs from the operation's documentation; empty when nothing does. */
    public List<String> departures(Operation operation, Exchange exchange) throws Exception {
        List<String> found = new ArrayList<>();
        JsonNode responses = operation.node().path("responses");
        JsonNode response = responses.path(Integer.toString(exchange.status()));
        if (response.isMissingNode() && exchange.status() >= 400) {
            response = responses.path("default");
        }
        if (response.isMissingNode()) {
            found.add("status " + exchange.status() + " is not documented");
            return found;
        }
        JsonNode content = response.path("content");
        JsonNode schema = content.path("application/json").path("schema");
        boolean hasBody = exchange.responseBody() != null && !exchange.responseBody().isBlank();
        // A file (documented with another media type than JSON) is bytes, not a document to compare.
        boolean file = content.size() > 0 && !content.has("application/json");
        if (hasBody && file) {
            return found;
        }
        if (hasBody && schema.isMissingNode()) {
            found.add("an answer body is not documented");
        } else if (hasBody) {
            compare(schema, JSON.readTree(exchange.responseBody()), "answer", true, found);
        }
        JsonNode requestSchema = operation.node().path("requestBody").path("content").path("application/json")
                .path("schema");
        if (exchange.requestBody() != null && exchange.requestBody().startsWith("{")) {
            compare(requestSchema, JSON.readTree(exchange.requestBody()), "request", false, found);
        }
        return found;
    }

    private void compare(JsonNode schema, JsonNode value, String where, boolean complete, List<String> found) {
        JsonNode resolved = resolve(schema);
        if (value.isObject() && resolved.has("properties")) {
            JsonNode properties = resolved.get("properties");
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!properties.has(field.getKey())) {
                    found.add(where + "." + field.getKey() + " is not documented");
                } else {
                    compare(properties.get(field.getKey()), field.getValue(), where + "." + field.getKey(),
                            complete, found);
                }
            }
            if (complete) {
                properties.fieldNames().forEachRemaining(name -> {
                    if (!value.has(name)) {
                        found.add(where + "." + name + " is documented but missing");
                    }
                });
            }
        } else if (value.isObject() && value.size() > 0 && !resolved.has("additionalProperties")) {
            found.add(where + " is an object the document does not describe");
        } else if (value.isArray() && resolved.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                compare(resolved.get("items"), value.get(i), where + "[" + i + "]", complete, found);
            }
        }
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        while (current.has("$ref")) {
            String name = current.get("$ref").asText().substring("#/components/schemas/".length());
            current = root.path("components").path("schemas").path(name);
        }
        for (String combined : List.of("allOf", "anyOf", "oneOf")) {
            for (JsonNode alternative : current.path(combined)) {
                if (alternative.has("$ref") || alternative.has("properties") || alternative.has("items")) {
                    return resolve(alternative);
                }
            }
        }
        return current;
    }
}
