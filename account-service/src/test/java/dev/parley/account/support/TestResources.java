package dev.parley.account.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Test resources every account-service test runs with: a real SMTP server, stand-ins for the other services. */
@QuarkusTestResource(Mail.class)
@QuarkusTestResource(Neighbours.class)
public final class TestResources {

    private TestResources() {
    }
}
