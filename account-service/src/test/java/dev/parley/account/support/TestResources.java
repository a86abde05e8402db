package dev.parley.account.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Test resources every account-service test runs with: a real SMTP server. */
@QuarkusTestResource(Mail.class)
public final class TestResources {

    private TestResources() {
    }
}
