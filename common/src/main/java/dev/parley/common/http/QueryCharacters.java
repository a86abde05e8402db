package dev.parley.common.http;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.parley.common.json.InvalidCharacters;
import dev.parley.common.validation.Input;

/** Query parameters holding NUL are refused before any resource sees them: no text column can store it. */
public class QueryCharacters {

    @ServerRequestFilter
    public Response refuseNul(UriInfo uri) {
        for (Map.Entry<String, List<String>> parameter : uri.getQueryParameters().entrySet()) {
            if (InvalidCharacters.in(parameter.getKey())
                    || parameter.getValue().stream().anyMatch(InvalidCharacters::in)) {
                throw Input.invalidCharacters(parameter.getKey().replace('\u0000', ' ').strip());
            }
        }
        return null;
    }
}
