package dev.parley.friendship.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.parley.common.testing.TestTokens;

/**
 * A stub of account-service (WireMock on a free port): it publishes the test key set and knows every user id below
 * {@link Users#UNKNOWN_FROM}; larger ids answer 404. Tests reach the server through {@link #server()} to break it.
 */
public class AccountServiceStub implements QuarkusTestResourceLifecycleManager {

    private static volatile WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        reset();
        return Map.of("parley.account-service.url", server.baseUrl());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    public static WireMockServer server() {
        return server;
    }

    /** Back to the healthy account-service every test starts with. */
    public static void reset() {
        server.resetAll();
        server.stubFor(get(urlEqualTo("/.well-known/jwks.json"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(TestTokens.jwks())));
        server.stubFor(get(urlPathMatching("/v1/users/[0-9]+")).atPriority(10)
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": {{request.pathSegments.[2]}}, \"username\": \"user"
                                + "{{request.pathSegments.[2]}}\", \"location\": null, \"avatar_url\": null}")
                        .withTransformers("response-template")));
        server.stubFor(get(urlPathMatching("/v1/users/9[0-9]{9}")).atPriority(5)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"message\": \"User not found\", \"status\": 404, "
                                + "\"type\": \"Not Found\"}}")));
    }
}
