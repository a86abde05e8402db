package dev.parley.e2e.support;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/** Keeps every request a test sends and the answer it got, as they crossed the wire. */
public final class WireRecorder implements Filter {

    /** One request and its answer; bodies as text, null when there was none. */
    public record Exchange(String method, String path, String requestBody, int status, String responseBody) {

        @Override
        public String toString() {
            return method + " " + path + " -> " + status;
        }
    }

    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
            FilterContext context) {
        Response answer = context.next(request, response);
        Object body = request.getBody();
        exchanges.add(new Exchange(request.getMethod(), URI.create(request.getURI()).getRawPath(),
                body == null ? null : body.toString(), answer.statusCode(), answer.asString()));
        return answer;
    }

    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }
}
