package dev.parley.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.matching.ValueMatcher;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/**
 * A neighbour of the service under test (account-service, friendship-service), played by WireMock on a free port
 * of 127.0.0.1. It always publishes the key set of {@link TestTokens} at {@code /.well-known/jwks.json}, as
 * account-service publishes its own; everything else it answers is what the tests stub.
 */
public final class NeighbourStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;
    private final Consumer<NeighbourStub> routes;

    private NeighbourStub(WireMockServer server, Consumer<NeighbourStub> routes) {
        this.server = server;
        this.routes = routes;
    }

    /** A running stub that serves the key set and nothing else. */
    public static NeighbourStub start() {
        return start(stub -> {
        });
    }

    /** A running stub that serves the key set and the {@code routes} the healthy neighbour always answers. */
    public static NeighbourStub start(Consumer<NeighbourStub> routes) {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        NeighbourStub stub = new NeighbourStub(server, routes);
        stub.reset();
        return stub;
    }

    /** Where the service under test finds this neighbour. */
    public String url() {
        return server.baseUrl();
    }

    /** Back to the healthy neighbour: the key set and the routes it started with, an empty request log. */
    public void reset() {
        server.resetAll();
        server.stubFor(get(urlEqualTo("/.well-known/jwks.json")).willReturn(okJson(TestTokens.jwks())));
        routes.accept(this);
    }

    public StubMapping stubFor(MappingBuilder mapping) {
        return server.stubFor(mapping);
    }

    public void removeStub(StubMapping mapping) {
        server.removeStub(mapping);
    }

    /** Fails unless a request like this was received. */
    public void verify(RequestPatternBuilder request) {
        server.verify(request);
    }

    /** Fails unless exactly {@code count} requests like this were received. */
    public void verify(int count, RequestPatternBuilder request) {
        server.verify(count, request);
    }

    /** How many requests like this were received. */
    public int count(RequestPatternBuilder request) {
        return server.findAll(request).size();
    }

    /**
     * Matches requests made on behalf of the user: those carrying a bearer token (see {@link TestTokens}) whose
     * subject is the user's id, as the service under test forwards its caller's token.
     */
    public static ValueMatcher<Request> onBehalfOf(long userId) {
        return request -> MatchResult.of(Long.toString(userId).equals(subjectOf(request.getHeader("Authorization"))));
    }

    @Override
    public void close() {
        server.stop();
    }

    private static String subjectOf(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            return JSON.readTree(claims).path("sub").asText(null);
        } catch (IllegalArgumentException | JsonProcessingException notAToken) {
            return null;
        }
    }
}
