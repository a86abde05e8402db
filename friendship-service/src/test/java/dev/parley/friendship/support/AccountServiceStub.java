package dev.parley.friendship.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.parley.testing.NeighbourStub;

/**
 * account-service as friendship-service's tests see it: a {@link NeighbourStub} that knows every user id below
 * {@link Users#UNKNOWN_FROM}; larger ids answer 404. Tests reach the stub through {@link #server()} to break it.
 */
public class AccountServiceStub implements QuarkusTestResourceLifecycleManager {

    private static volatile NeighbourStub server;

    @Override
    public Map<String, String> start() {
        server = NeighbourStub.start(AccountServiceStub::knowsTheUsers);
        return Map.of("parley.account-service.url", server.url());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    public static NeighbourStub server() {
        return server;
    }

    /** Back to the healthy account-service every test starts with. */
    public static void reset() {
        server.reset();
    }

    private static void knowsTheUsers(NeighbourStub stub) {
        stub.stubFor(get(urlPathMatching("/v1/users/[0-9]+")).atPriority(10)
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": {{request.pathSegments.[2]}}, \"username\": \"user"
                                + "{{request.pathSegments.[2]}}\", \"location\": null, \"avatar_url\": null}")
                        .withTransformers("response-template")));
        stub.stubFor(get(urlPathMatching("/v1/users/9[0-9]{9}")).atPriority(5)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"message\": \"User not found\", \"status\": 404, "
                                + "\"type\": \"Not Found\"}}")));
    }
}
