package dev.parley.friendship.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Test resources every friendship-service test runs with: a stub of account-service. */
@QuarkusTestResource(AccountServiceStub.class)
public final class TestResources {

    private TestResources() {
    }
}
