package dev.parley.friendship.support;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * Test resources every friendship-service test runs with: stubs of account-service's public API and of its internal
 * port (the account feed).
 */
@QuarkusTestResource(AccountServiceStub.class)
@QuarkusTestResource(AccountFeedStub.class)
public final class TestResources {

    private TestResources() {
    }
}
