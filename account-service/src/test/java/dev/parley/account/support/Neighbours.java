package dev.parley.account.support;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.parley.testing.NeighbourStub;

/**
 * friendship-service and chat-service as account-service's exports meet them: their internal export routes, each
 * answering an empty part for any user unless a test stubs one.
 */
public class Neighbours implements QuarkusTestResourceLifecycleManager {

    /** The service token the tests run with. */
    public static final String SERVICE_TOKEN = "Bearer parley-test-internal-token";
    private static final String ANY_EXPORT = "/internal/v1/users/[0-9]+/export";

    private static volatile NeighbourStub friendship;
    private static volatile NeighbourStub chat;

    public static NeighbourStub friendship() {
        return friendship;
    }

    public static NeighbourStub chat() {
        return chat;
    }

    @Override
    public Map<String, String> start() {
        friendship = NeighbourStub.start(Neighbours::emptyParts);
        chat = NeighbourStub.start(Neighbours::emptyParts);
        return Map.of("parley.export.sources.friendship.url", friendship.url(), "parley.export.sources.chat.url",
                chat.url());
    }

    @Override
    public void stop() {
        if (friendship != null) {
            friendship.close();
        }
        if (chat != null) {
            chat.close();
        }
    }

    private static void emptyParts(NeighbourStub stub) {
        stub.stubFor(get(urlPathMatching(ANY_EXPORT)).atPriority(10).willReturn(okJson("{}")));
    }
}
