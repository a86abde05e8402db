package dev.parley.common.openapi;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import io.quarkus.smallrye.openapi.OpenApiFilter;

import dev.parley.common.error.ErrorMappers;

/**
 * Documents the error answers of every operation with the one shape they all have, the error envelope: each error
 * response the document already names gets its schema, and every operation gains those any request may meet (400,
 * 401 and 403 where a token is needed, 404 where the path names an object, 503) and a {@code default} for the rest.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD, priority = Integer.MIN_VALUE)
public class ErrorResponses implements OASFilter {

    static final String SCHEMA = "Error";
    private static final String REF = "#/components/schemas/" + SCHEMA;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSchema(SCHEMA, envelope());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> document(path, item));
    }

    private void document(String path, PathItem item) {
        for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
            Operation operation = entry.getValue();
            if (operation.getResponses() == null) {
                operation.setResponses(OASFactory.createAPIResponses());
            }
            APIResponses responses = operation.getResponses();
            add(responses, "400", 400);
            if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
                add(responses, "401", 401);
                add(responses, "403", 403);
            }
            if (path.contains("{")) {
                add(responses, "404", 404);
            }
            add(responses, "503", 503);
            add(responses, "default", 500);
            responses.getAPIResponses().forEach((code, response) -> {
                if (isError(code)) {
                    response.setContent(OASFactory.createContent().addMediaType("application/json",
                            OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REF))));
                }
            });
        }
    }

    private static void add(APIResponses responses, String code, int status) {
        if (!responses.hasAPIResponse(code)) {
            APIResponse response = OASFactory.createAPIResponse().description(ErrorMappers.messageFor(status));
            responses.addAPIResponse(code, response);
        }
    }

    private static boolean isError(String code) {
        return "default".equals(code) || code.startsWith("4") || code.startsWith("5");
    }

    private static Schema envelope() {
        Schema error = OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.OBJECT))
                .addProperty("message", string("What went wrong, for people"))
                .addProperty("status", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.INTEGER))
                        .description("The HTTP status"))
                .addProperty("type", string("The HTTP reason phrase"))
                .required(java.util.List.of("message", "status", "type"));
        return OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.OBJECT))
                .description("Every error from every Parley service")
                .addProperty("error", error).required(java.util.List.of("error"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.STRING)).description(description);
    }
}
